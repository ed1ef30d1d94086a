// How every command-line entry point ends: its exit code, or one readable line on an unexpected
// error (the stack too when DEBUG is set) and exit code 1.
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
