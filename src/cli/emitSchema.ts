// npm run schema            → writes schema.graphql at the repository root from the code
// npm run schema -- --check → exits 1 when the committed schema.graphql differs from the code (CI)
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';
import { printFinrecSchema } from '../graphql/schema';

export const SCHEMA_FILE = path.join(PROJECT_ROOT, 'schema.graphql');

async function main(argv: string[]): Promise<number> {
  const printed = await printFinrecSchema();
  if (argv.includes('--check')) {
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : '';
    if (committed === printed) {
      console.log('schema.graphql is up to date');
      return 0;
    }
    console.error('schema.graphql differs from the schema built from src/graphql: run `npm run schema` and commit it');
    return 1;
  }
  writeFileSync(SCHEMA_FILE, printed);
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE) || SCHEMA_FILE}`);
  return 0;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
