// `npm run keys` as users run it (the compiled CLI in a child process): create prints the secret
// alone on stdout and it resolves; list shows no secret; revoke ends it; bad arguments are usage
// errors (exit 2) and a refused request (unknown customer, unknown key) exits 1, writing nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyResolver } from '../../src/auth/keyResolver';
import { PROJECT_ROOT } from '../../src/config';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';
import { createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const KEYS = cliPath('keys');

describe('npm run keys', () => {
  let t: TestDb;
  const run = (...args: string[]) => runCli(KEYS, args, { cwd: PROJECT_ROOT, env: { DATABASE_URL: t.url, LOG_LEVEL: 'silent' } });

  beforeAll(async () => {
    buildIfStale(KEYS);
    t = await createTestDb();
    await seedSmallBank(t.db);
  }, 180_000);
  afterAll(async () => { await t?.close(); });

  it('creates, lists and revokes keys', async () => {
    const created = run('create', '--role', 'advisor', '--name', 'crm');
    expect(created.code, created.stderr).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^frk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toMatch(/created ADVISOR key "crm" \(id \S+, prefix frk_[0-9a-f]{8}\)/);
    const row = await t.db.apiKey.findUniqueOrThrow({ where: { hash: createHash('sha256').update(secret).digest('hex') } });
    expect(row).toMatchObject({ role: 'ADVISOR', name: 'crm', customerId: null, revokedAt: null });
    expect((await new KeyResolver(t.db).resolve(secret))?.role).toBe('ADVISOR');

    const customer = run('create', '--role', 'CUSTOMER', '--name', 'app', '--user', customerId(3));
    expect(customer.code, customer.stderr).toBe(0);

    const list = run('list');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${row.id}\t${row.prefix}\tADVISOR\t-\tcrm\t`);
    expect(list.stdout).toMatch(new RegExp(`\\tCUSTOMER\\t${customerId(3)}\\tapp\\t.*\\tactive`));
    expect(list.stdout).not.toContain(secret);
    expect(list.stdout).not.toContain(customer.stdout.trim());

    const revoked = run('revoke', row.id);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).toMatch(/revoked .*\trevoked \d{4}-/);
    expect(await new KeyResolver(t.db).resolve(secret)).toBeNull();
  }, 60_000);

  it.each([
    [[], /a command is required/],
    [['rotate'], /unknown command "rotate"/],
    [['create', '--name', 'x'], /--role must be one of CUSTOMER, ADVISOR, PARTNER, ADMIN/],
    [['create', '--role', 'ROOT', '--name', 'x'], /--role must be one of .* \(got "ROOT"\)/],
    [['create', '--role', 'ADVISOR'], /--name is required/],
    [['create', '--role', 'CUSTOMER', '--name', 'x'], /a CUSTOMER key needs --user/],
    [['create', '--role', 'PARTNER', '--name', 'x', '--user', 'c001'], /--user is only for CUSTOMER keys/],
    [['create', '--role', 'ADMIN', '--name', 'x', '--force'], /Unknown option '--force'/],
    [['revoke'], /revoke takes one key id/],
    [['list', '--role', 'ADMIN'], /--role is not an option of list/],
  ])('%j is a usage error (exit 2, nothing written)', async (args, message) => {
    const before = await t.db.apiKey.count();
    const r = run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: npm run keys');
    expect(r.stdout).toBe('');
    expect(await t.db.apiKey.count()).toBe(before);
  }, 30_000);

  it('refuses an unknown customer or key id with exit 1 and a clear message', async () => {
    const before = await t.db.apiKey.count();
    const r = run('create', '--role', 'CUSTOMER', '--name', 'x', '--user', 'nobody');
    expect([r.code, r.stderr.trim(), r.stdout]).toEqual([1, 'error: User "nobody" does not exist', '']);
    const k = run('revoke', 'no-such-key');
    expect([k.code, k.stderr.trim()]).toEqual([1, 'error: ApiKey "no-such-key" does not exist']);
    expect(await t.db.apiKey.count()).toBe(before);
  }, 30_000);
});
