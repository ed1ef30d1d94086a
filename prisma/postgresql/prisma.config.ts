// Prisma CLI configuration for the postgresql schema (developers and CI only: the app migrates itself at
// start-up, see src/store/migrate.ts). Used by `npm run migrate:dev -- --name NAME`.
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: path.join(__dirname, 'schema.prisma'),
  migrations: { path: path.join(__dirname, 'migrations') },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/finrec_migrate' },
});
