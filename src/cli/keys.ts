// npm run keys -- create --role ROLE --name NAME [--user CUSTOMER_ID] | list | revoke ID
// API keys of DATABASE_URL (default file:./finrec.db), migrated if needed (nothing else is seeded).
// `create` prints the secret alone on stdout — shown this once, only its hash is stored — and what
// was created on stderr, so `KEY=$(npm run --silent keys -- create …)` captures just the secret.
// A running server sees a revocation made here within AUTH_KEY_CACHE_SECONDS.
// Exit codes: 0 done, 1 refused (unknown customer or key), 2 usage error.
import { parseArgs } from 'node:util';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyInfo } from '../auth/keys';
import { ROLES, type Role } from '../auth/policy';
import { loadConfig } from '../config';
import { DomainError } from '../recommend/errors';
import { createDb } from '../store/db';
import { migrate } from '../store/migrate';
import { parseCommandLine, runCommand } from './run';

const USAGE = `usage: npm run keys -- create --role ROLE --name NAME [--user CUSTOMER_ID]
       npm run keys -- list
       npm run keys -- revoke KEY_ID

  create   a new API key; prints its secret once (send it as Authorization: Bearer <secret>)
           --role   ${ROLES.join(' | ')}
           --name   what the key is for (an integration, a person)
           --user   the customer a CUSTOMER key acts for (required for CUSTOMER, refused otherwise)
  list     every key: id, public prefix, role, customer, name, created, revoked
  revoke   revoke a key by id (from list); it stops working within AUTH_KEY_CACHE_SECONDS`;

type Command =
  | { cmd: 'create'; role: Role; name: string; user: string | null }
  | { cmd: 'list' }
  | { cmd: 'revoke'; id: string };

function parse(argv: string[]): Command | 'help' {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, user: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return 'help';
  const [cmd, ...rest] = positionals;
  const onlyFor = (c: string, flags: (keyof typeof values)[]) => {
    const extra = flags.find((f) => values[f] !== undefined);
    if (extra) throw new Error(`--${extra} is not an option of ${c}`);
  };
  switch (cmd) {
    case 'create': {
      if (rest.length) throw new Error(`unexpected argument "${rest[0]}"`);
      const role = values.role?.toUpperCase();
      if (!role || !(ROLES as readonly string[]).includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}${values.role ? ` (got "${values.role}")` : ''}`);
      if (!values.name?.trim()) throw new Error('--name is required (what the key is for)');
      if (role === 'CUSTOMER' && !values.user) throw new Error('a CUSTOMER key needs --user <customer id>');
      if (role !== 'CUSTOMER' && values.user !== undefined) throw new Error(`--user is only for CUSTOMER keys, not ${role}`);
      return { cmd, role: role as Role, name: values.name, user: values.user ?? null };
    }
    case 'list':
      if (rest.length) throw new Error(`unexpected argument "${rest[0]}"`);
      onlyFor(cmd, ['role', 'name', 'user']);
      return { cmd };
    case 'revoke':
      if (rest.length !== 1) throw new Error('revoke takes one key id (see list)');
      onlyFor(cmd, ['role', 'name', 'user']);
      return { cmd, id: rest[0] };
    case undefined:
      throw new Error('a command is required: create, list or revoke');
    default:
      throw new Error(`unknown command "${cmd}"`);
  }
}

function describe(k: ApiKeyInfo): string {
  return [k.id, k.prefix, k.role, k.customerId ?? '-', k.name, k.createdAt.toISOString(), k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'active'].join('\t');
}

async function main(argv: string[]): Promise<number> {
  const args = parseCommandLine(argv, USAGE, parse);
  if ('exit' in args) return args.exit;
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  try {
    if (args.cmd === 'create') {
      const { secret, key } = await createApiKey(db, { name: args.name, role: args.role, customerId: args.user });
      process.stderr.write(`created ${key.role} key "${key.name}" (id ${key.id}, prefix ${key.prefix}${key.customerId ? `, customer ${key.customerId}` : ''}); the secret below is shown once:\n`);
      process.stdout.write(`${secret}\n`);
    } else if (args.cmd === 'list') {
      const keys = await listApiKeys(db);
      process.stdout.write(['id\tprefix\trole\tcustomer\tname\tcreated\tstatus', ...keys.map(describe)].join('\n') + '\n');
    } else {
      const key = await revokeApiKey(db, args.id);
      process.stdout.write(`revoked ${describe(key)}\n`);
    }
    return 0;
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}

runCommand(main);
