// THE access matrix: every root Query and Mutation field of the built schema × every kind of caller
// (no key, a CUSTOMER key on its own customer, the same key on another customer, ADVISOR, PARTNER,
// ADMIN), each a real request over HTTP. The expectations are this file's own table, written out
// role by role (not read from src/auth/policy.ts, so a resolver naming the wrong policy fails
// here), and a field without a row fails the coverage check: no operation ships without its
// access tests. Refused calls must return no data and write nothing (row counts checked).
import { isCompositeType, getNamedType, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/policy';
import { finrecSchema } from '../../src/graphql/schema';
import { startApi, TEST_ADMIN_KEY, type Api, type GqlResponse } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const ALL: Role[] = ['CUSTOMER', 'ADVISOR', 'PARTNER', 'ADMIN'];
const OWN = customerId(1);
const OTHER = customerId(2);
const q = JSON.stringify;

interface Row {
  /** Roles that may call it. */
  roles: Role[];
  /** Customer-scoped: a CUSTOMER key may name only its own customer (`u`). */
  own?: boolean;
  /** The field's arguments, naming customer `u` where it takes one; '' for none. */
  args: (u: string, ctx: { productId: string }) => string;
}

// Operation → who may call it. Keep in step with src/auth/policy.ts and the roles.
const TABLE: Record<'Query' | 'Mutation', Record<string, Row>> = {
  Query: {
    product: { roles: ALL, args: (_u, c) => `(id: ${q(c.productId)})` },
    products: { roles: ALL, args: () => '(first: 1)' },
    similarProducts: { roles: ALL, args: (_u, c) => `(productId: ${q(c.productId)}, first: 1)` },
    searchProducts: { roles: ALL, args: () => '(text: "a savings account", first: 1)' },
    user: { roles: ['CUSTOMER', 'ADVISOR', 'ADMIN'], own: true, args: (u) => `(id: ${q(u)})` },
    users: { roles: ['ADVISOR', 'ADMIN'], args: () => '(first: 1)' },
    recommendations: { roles: ['CUSTOMER', 'ADVISOR', 'ADMIN'], own: true, args: (u) => `(userId: ${q(u)}, first: 1)` },
    recommendForNeed: { roles: ['CUSTOMER', 'ADVISOR', 'ADMIN'], own: true, args: (u) => `(text: "a safe place for my savings", userId: ${q(u)}, first: 1)` },
    modelVersions: { roles: ['ADMIN'], args: () => '' },
    apiKeys: { roles: ['ADMIN'], args: () => '' },
    riskQuestionnaire: { roles: ALL, args: () => '' },
    recommendationAudit: { roles: ['ADVISOR', 'ADMIN'], args: () => '(id: "no-such-list")' },
    recommendationAudits: { roles: ['ADVISOR', 'ADMIN'], own: true, args: (u) => `(userId: ${q(u)}, first: 1)` },
  },
  Mutation: {
    recordInteraction: { roles: ['CUSTOMER', 'PARTNER', 'ADMIN'], own: true, args: (u, c) => `(input: { userId: ${q(u)}, productId: ${q(c.productId)}, kind: VIEW })` },
    submitFeedback: { roles: ['CUSTOMER', 'PARTNER', 'ADMIN'], own: true, args: (u, c) => `(input: { userId: ${q(u)}, productId: ${q(c.productId)}, kind: CLICK })` },
    ingestInteractions: { roles: ['PARTNER', 'ADMIN'], args: (u, c) => `(input: { events: [{ userId: ${q(u)}, productId: ${q(c.productId)}, kind: VIEW }] })` },
    upsertProduct: { roles: ['PARTNER', 'ADMIN'], args: () => '(input: { code: "matrix_test", name: "Matrix test deposit", category: DEPOSIT, riskLevel: 1, description: "A deposit written by the access matrix test" })' },
    upsertUser: { roles: ['ADMIN'], args: (u) => `(input: { id: ${q(u)}, segment: "02 - PARTICULARES" })` },
    activateModelVersion: { roles: ['ADMIN'], args: () => '(id: "no-such-version")' },
    createApiKey: { roles: ['ADMIN'], args: () => '(input: { name: "matrix", role: PARTNER })' },
    revokeApiKey: { roles: ['ADMIN'], args: () => '(id: "no-such-key")' },
    submitRiskQuestionnaire: { roles: ['CUSTOMER', 'ADVISOR', 'ADMIN'], own: true, args: (u) => `(userId: ${q(u)}, answers: [])` },
    exportCustomerData: { roles: ['CUSTOMER', 'ADMIN'], own: true, args: (u) => `(userId: ${q(u)})` },
    // Erases a customer that no other row uses; only ADMIN gets that far.
    eraseCustomer: { roles: ['ADMIN'], args: () => `(userId: ${q(customerId(30))})` },
  },
};

type Caller = 'no key' | 'CUSTOMER own' | 'CUSTOMER other' | 'ADVISOR' | 'PARTNER' | 'ADMIN';
const CALLERS: Caller[] = ['no key', 'CUSTOMER own', 'CUSTOMER other', 'ADVISOR', 'PARTNER', 'ADMIN'];
type Outcome = 'allowed' | 'UNAUTHENTICATED' | 'FORBIDDEN';

function expected(row: Row, caller: Caller): Outcome {
  if (caller === 'no key') return 'UNAUTHENTICATED';
  const role: Role = caller.startsWith('CUSTOMER') ? 'CUSTOMER' : (caller as Role);
  if (!row.roles.includes(role)) return 'FORBIDDEN';
  return caller === 'CUSTOMER other' && row.own ? 'FORBIDDEN' : 'allowed';
}

function rootFields(schema: GraphQLSchema, op: 'Query' | 'Mutation') {
  const type = op === 'Query' ? schema.getQueryType() : schema.getMutationType();
  return type ? type.getFields() : {};
}

describe('access matrix: every root field × every caller, over HTTP', () => {
  let t: TestDb;
  let api: Api;
  let schema: GraphQLSchema;
  let productId: string;
  const keys = new Map<Caller, string | null>();

  /** Rows of the tables a refused call must not change. */
  const counts = () => Promise.all([
    t.db.customer.count(), t.db.interaction.count(), t.db.feedback.count(), t.db.product.count(),
    t.db.apiKey.count(), t.db.recommendationList.count(), t.db.riskAssessment.count(),
  ]);

  beforeAll(async () => {
    t = await createTestDb();
    const bank = await seedSmallBank(t.db);
    productId = bank.productIds.get('ind_ecue_fin_ult1')!;
    api = await startApi(t.db);
    schema = await finrecSchema();
    const customerKey = await api.key('CUSTOMER', OWN);
    keys.set('no key', null).set('CUSTOMER own', customerKey).set('CUSTOMER other', customerKey)
      .set('ADVISOR', await api.key('ADVISOR')).set('PARTNER', await api.key('PARTNER')).set('ADMIN', TEST_ADMIN_KEY);
  }, 120_000);
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('has a row for every root Query and Mutation field of the schema', () => {
    for (const op of ['Query', 'Mutation'] as const) {
      const missing = Object.keys(rootFields(schema, op)).filter((f) => !TABLE[op][f]);
      expect(missing, `${op} fields without an access row in test/auth/matrix.test.ts`).toEqual([]);
    }
  });

  it('every row names a field of the schema (none is stale)', () => {
    for (const op of ['Query', 'Mutation'] as const) {
      const absent = Object.keys(TABLE[op]).filter((f) => !rootFields(schema, op)[f]);
      expect(absent, `${op} rows whose field is not in the schema`).toEqual([]);
    }
  });

  for (const op of ['Query', 'Mutation'] as const) {
    for (const [field, row] of Object.entries(TABLE[op])) {
      it(`${op}.${field}`, async () => {
        const def = rootFields(schema, op)[field];
        if (!def) return; // reported by the coverage check above
        const selection = isCompositeType(getNamedType(def.type)) ? ' { __typename }' : '';
        for (const caller of CALLERS) {
          const u = caller === 'CUSTOMER other' ? OTHER : OWN;
          const doc = `${op === 'Query' ? 'query' : 'mutation'} { ${field}${row.args(u, { productId })}${selection} }`;
          const want = expected(row, caller);
          const before = want === 'allowed' ? null : await counts();
          const res: GqlResponse = await api.gql(doc, undefined, { key: keys.get(caller)! });
          const codes = (res.errors ?? []).map((e) => e.extensions?.code);
          const where = `${op}.${field} as ${caller}: ${JSON.stringify(res.errors ?? null)}`;
          if (want === 'allowed') {
            // Other errors (NOT_FOUND, BAD_USER_INPUT from the service) are fine; an invalid
            // request would prove nothing, so it fails the test.
            expect(codes, where).not.toContain('UNAUTHENTICATED');
            expect(codes, where).not.toContain('FORBIDDEN');
            expect(codes, where).not.toContain('GRAPHQL_VALIDATION_FAILED');
          } else {
            expect(codes, where).toEqual([want]);
            expect(res.data?.[field] ?? null, where).toBeNull();
            expect(await counts(), `${where}: nothing written`).toEqual(before);
          }
        }
      }, 60_000);
    }
  }

  it('a CUSTOMER key may ask recommendForNeed without a userId (an anonymous need), not for another customer', async () => {
    const key = keys.get('CUSTOMER own')!;
    const anon = await api.gql('{ recommendForNeed(text: "a safe place for my savings", first: 1) { listId } }', undefined, { key });
    expect(anon.errors).toBeUndefined();
    expect(anon.data.recommendForNeed.listId).toBeNull();
    const other = await api.gql(`{ recommendForNeed(text: "a safe place", userId: ${q(OTHER)}, first: 1) { listId } }`, undefined, { key });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  }, 60_000);

  it('a CUSTOMER key gets its own customer data, and none of another through aliases in the same request', async () => {
    const key = keys.get('CUSTOMER own')!;
    const res = await api.gql(`{ mine: user(id: ${q(OWN)}) { id holdings { code } } theirs: user(id: ${q(OTHER)}) { id holdings { code } } }`, undefined, { key });
    expect(res.data.mine.id).toBe(OWN);
    expect(res.data.theirs).toBeNull();
    expect(res.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['theirs', 'FORBIDDEN']]);
  });
});
