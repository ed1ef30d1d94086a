// `npm start` on a developer's machine needs an ADMIN key to be usable at all. In development (the
// default NODE_ENV) with no FINREC_ADMIN_KEY, one is generated once, kept in a file only the user
// can read (.finrec/admin-key, git-ignored) and reused on every later start; its secret is never
// logged. Production never gets one this way: there, keys come from FINREC_ADMIN_KEY or `npm run keys`.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSecret } from './keys';

export const DEV_KEY_FILE = path.join('.finrec', 'admin-key');

/** The development ADMIN key kept under `root` (created on first use). */
export function developmentAdminKey(root: string): { secret: string; file: string; created: boolean } {
  const file = path.join(root, DEV_KEY_FILE);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret) return { secret, file, created: false };
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { secret } = generateSecret();
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // also when the file existed empty with wider rights
  return { secret, file, created: true };
}
