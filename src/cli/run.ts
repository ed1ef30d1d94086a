// How every command-line entry point begins and ends: its arguments parsed (usage errors exit 2,
// --help exits 0), and its exit code, or one readable line on an unexpected error (the stack too
// when DEBUG is set) and exit code 1.
import { existsSync, statSync } from 'node:fs';

export function runCommand(main: (argv: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => {
      const message = e instanceof Error ? (process.env.DEBUG ? e.stack ?? e.message : e.message) : String(e);
      process.stderr.write(`error: ${message}\n`);
      process.exitCode = 1;
    },
  );
}

/**
 * The arguments `parse` makes of the command line, or the exit code when there is nothing to run:
 * `parse` returns 'help' for --help (the usage goes to stdout, exit 0) and throws for anything wrong
 * with the arguments (it only validates them; "error: …" and the usage go to stderr, exit 2).
 */
export function parseCommandLine<A>(argv: string[], usage: string, parse: (argv: string[]) => A | 'help'): A | { exit: number } {
  let args: A | 'help';
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message}\n\n${usage}\n`);
    return { exit: 2 };
  }
  if (args === 'help') {
    process.stdout.write(`${usage}\n`);
    return { exit: 0 };
  }
  return args;
}

/** Why `file` cannot be read as an input file ("file not found: …", "not a file: …"), or null. */
export function inputFileProblem(file: string): string | null {
  if (!existsSync(file)) return `file not found: ${file}`;
  return statSync(file).isFile() ? null : `not a file: ${file}`;
}
