// One request must not be able to monopolise the server. Aliases let a client ask for the same
// root field any number of times: 7,700 aliased `recommendations` in a 640 KB body blocked the
// event loop for 12 s (every other client waited, /health included) and logged 7,700 lists.
// The API now refuses an operation with more root fields than MAX_ROOT_FIELDS, before running
// any of it; the 100 lists the contract asks to serve in one query stay well inside.
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ROOT_FIELDS } from '../../src/graphql/limits';
import { startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const lists = (n: number, extra = '') => `{ ${extra} ${Array.from({ length: n }, (_, i) =>
  `l${i}: recommendations(userId: "${customerId(1 + (i % 40))}", first: ${1 + (i % 20)}) { id items { rank product { code } } }`).join('\n')} }`;

describe('query size limits over HTTP', () => {
  let t: TestDb;
  let api: Api;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await seedSmallBank(t.db);
    api = await startApi(t.db);
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('serves 100 lists in one query (the contract)', async () => {
    const r = await api.gql(lists(100));
    expect(r.errors).toBeUndefined();
    expect(Object.keys(r.data)).toHaveLength(100);
  });

  it('refuses an operation with more root fields than the limit, runs none of it, and says why', async () => {
    const before = await t.db.recommendationList.count();
    const r = await api.gql(lists(MAX_ROOT_FIELDS + 1));
    expect(r.status).toBe(400);
    expect(r.errors?.[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', field: 'recommendations' });
    expect(r.errors?.[0].message).toMatch(new RegExp(`at most ${MAX_ROOT_FIELDS}`));
    expect(await t.db.recommendationList.count()).toBe(before);
  });

  it('counts root fields reached through fragments too', async () => {
    const many = Array.from({ length: MAX_ROOT_FIELDS + 1 }, (_, i) => `u${i}: user(id: "${customerId(1)}") { id }`).join('\n');
    const r = await api.gql(`query { ...A } fragment A on Query { ... on Query { ${many} } }`);
    expect(r.status).toBe(400);
    expect(r.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('the same fragment spread twice is one set of fields, not two', async () => {
    const some = Array.from({ length: 10 }, (_, i) => `u${i}: user(id: "${customerId(1)}") { id }`).join('\n');
    const r = await api.gql(`query { ${Array.from({ length: MAX_ROOT_FIELDS }, () => '...A').join(' ')} } fragment A on Query { ${some} }`);
    expect(r.errors).toBeUndefined();
  });
});
