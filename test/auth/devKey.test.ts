// `npm ci && npm start` must give a usable server: in development without FINREC_ADMIN_KEY an
// ADMIN key is generated once, kept readable by the user only, and reused.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { developmentAdminKey, DEV_KEY_FILE } from '../../src/auth/devKey';
import { bearerOf } from '../../src/auth/keys';

describe('the development ADMIN key', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'finrec-devkey-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is created once with owner-only rights, then reused', () => {
    const first = developmentAdminKey(root);
    expect(first.created).toBe(true);
    expect(first.file).toBe(path.join(root, DEV_KEY_FILE));
    expect(bearerOf(`Bearer ${first.secret}`)).toBe(first.secret); // a well-formed key
    expect(statSync(first.file).mode & 0o777).toBe(0o600);
    expect(readFileSync(first.file, 'utf8').trim()).toBe(first.secret);
    const again = developmentAdminKey(root);
    expect(again).toEqual({ ...first, created: false });
  });

  it('replaces an empty file with a new key', () => {
    writeFileSync(path.join(root, DEV_KEY_FILE), '');
    const made = developmentAdminKey(root);
    expect(made.created).toBe(true);
    expect(made.secret.length).toBeGreaterThan(40);
  });
});
