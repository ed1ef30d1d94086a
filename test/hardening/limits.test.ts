// Query limits over HTTP: depth, aliases and cost are refused before anything runs
// (GRAPHQL_VALIDATION_FAILED, the field named, 400, nothing logged); every `first` of the schema is
// bounded the same way (BAD_USER_INPUT, field `first`); introspection still works in development;
// the body limit answers 413.
import 'reflect-metadata';
import { getIntrospectionQuery, getNamedType, isObjectType, parse, type GraphQLField, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ALIASES, MAX_DEPTH, MAX_ROOT_FIELDS } from '../../src/graphql/limits';
import { MAX_COST, operationCost } from '../../src/graphql/queryCost';
import { finrecSchema } from '../../src/graphql/schema';
import { apiHeaders, startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';

/** Every field of `type`, objects expanded `levels` deep (arguments left at their defaults). */
function everything(schema: GraphQLSchema, typeName: string, levels = 6): string {
  const type = schema.getType(typeName);
  if (!isObjectType(type) || levels === 0) return '';
  const parts = Object.values(type.getFields()).filter((f) => f.args.every((a) => a.type.toString().endsWith('!') === false)).map((f) => {
    const inner = getNamedType(f.type);
    return isObjectType(inner) ? `${f.name} { ${everything(schema, inner.name, levels - 1) || '__typename'} }` : f.name;
  });
  return parts.join(' ');
}

describe('query limits over HTTP', () => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;
  let schema: GraphQLSchema;
  const lists = async () => t.db.recommendationList.count();

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db, { NODE_ENV: 'development' });
    schema = await finrecSchema();
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  /** Refused before running; `alone`: ours is the only error (a query deeper than the schema also names unknown fields). */
  const refused = async (query: string, field: string, message: RegExp, variables?: Record<string, unknown>, alone = true) => {
    const before = await lists();
    const r = await api.gql(query, variables);
    expect(r.status, JSON.stringify(r.errors)).toBe(400);
    expect(r.data).toBeUndefined();
    if (alone) expect(r.errors).toHaveLength(1);
    const ours = r.errors?.find((e) => message.test(e.message));
    expect(ours, JSON.stringify(r.errors)).toBeDefined();
    expect(ours!.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', field });
    expect(await lists()).toBe(before); // nothing ran
  };

  it(`the deepest query the schema allows fits in MAX_DEPTH (${MAX_DEPTH}); one level more than the bound is refused`, async () => {
    const deepest = '{ users(first: 2) { edges { node { holdings { code } } } } }'; // 5 levels: the schema has no cycles
    expect((await api.gql(deepest)).errors).toBeUndefined();
    // Deeper than the schema goes, so only reachable through a name the schema lacks: the depth rule speaks first.
    const nested = (n: number) => `${'{ a '.repeat(n - 1)}{ b }${' }'.repeat(n - 1)}`;
    await refused(`{ recommendations(userId: "${customerId(1)}") ${nested(MAX_DEPTH)} }`, 'b', new RegExp(`at most ${MAX_DEPTH} levels`), undefined, false);
    // Fragments count where they are spread.
    await refused(`{ ...F } fragment F on Query { recommendations(userId: "${customerId(1)}") ${nested(MAX_DEPTH)} }`, 'b', /levels deep/, undefined, false);
    // 4,000 levels (still under the body limit) is a clean 400 too, not a stack overflow.
    const r = await api.gql(`{ ${'a { '.repeat(4000)}b${' }'.repeat(4000)} }`);
    expect(r.status).toBe(400);
    expect(r.errors?.[0].extensions?.code).toMatch(/GRAPHQL_(PARSE|VALIDATION)_FAILED/);
  });

  it('an operation type the schema lacks (subscription) is refused at validation, not an internal error', async () => {
    // Found by the fuzz test: it reached execution and came back as INTERNAL_SERVER_ERROR (logged as our fault).
    await refused('subscription { recommendations { id } }', 'subscription', /no subscription/, undefined, false);
  });

  it('introspection as tools send it (15 levels) passes in development', async () => {
    const r = await api.gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }));
    expect(r.errors).toBeUndefined();
    expect(r.data.__schema.types.length).toBeGreaterThan(20);
  });

  it(`refuses more than MAX_ALIASES (${MAX_ALIASES}) aliases, nested ones included, and names the field`, async () => {
    const many = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `a${i}: code`).join(' ');
    await refused(`{ products(first: 1) { edges { node { ${many} } } } }`, 'code', new RegExp(`at most ${MAX_ALIASES} aliases`));
    const fine = Array.from({ length: MAX_ALIASES }, (_, i) => `a${i}: code`).join(' ');
    expect((await api.gql(`{ products(first: 1) { edges { node { ${fine} } } } }`)).errors).toBeUndefined();
    expect(MAX_ALIASES).toBeGreaterThanOrEqual(MAX_ROOT_FIELDS); // the documented 200 aliased root fields still pass
  });

  it(`refuses an operation costing more than MAX_COST (${MAX_COST}), with first taken from the variables`, async () => {
    const q = 'query($n: Int) { ' + Array.from({ length: 60 }, (_, i) =>
      `l${i}: recommendations(userId: "${customerId(1 + (i % 40))}", first: $n) { items { product { code } reasons { code } } }`).join(' ') + ' }';
    // 60 lists × 100 items × (product + 10 reasons) ≈ 72,600 units; with first: 3 the same query is cheap.
    await refused(q, 'recommendations', new RegExp(`at most ${MAX_COST}`), { n: 100 });
    const ok = await api.gql(q, { n: 3 });
    expect(ok.errors).toBeUndefined();
    expect(Object.keys(ok.data)).toHaveLength(60);
  });

  it('audit exclusions are priced by their page: the 138 MB request of the security review is refused, paging works', async () => {
    // Exclusions were priced as a 10-item list though a need-based list holds hundreds: 7 aliased
    // audit pages of every exclusion with product texts cost 9,107 and returned 138 MB.
    const page = (i: number) => `a${i}: recommendationAudits(userId: "${customerId(1)}", first: 20) { edges { node { exclusions(first: 1000) { detail product { description name } } } } }`;
    await refused(`{ ${[0, 1, 2, 3, 4, 5, 6].map(page).join(' ')} }`, 'recommendationAudits', /costs/);
    await refused(`{ ${page(0)} }`, 'recommendationAudits', /costs/);
    const served = (await api.gql(`{ recommendations(userId: "${customerId(2)}", first: 3) { id } }`)).data.recommendations.id;
    const all = (await api.gql(`{ recommendationAudit(id: "${served}") { exclusionCount exclusions(first: 1000) { rule product { id } } } }`)).data.recommendationAudit;
    expect(all.exclusionCount).toBeGreaterThan(1);
    expect(all.exclusions).toHaveLength(all.exclusionCount);
    const second = (await api.gql(`{ recommendationAudit(id: "${served}") { exclusions(first: 1, offset: 1) { rule product { id } } } }`)).data.recommendationAudit;
    expect(second.exclusions).toEqual([all.exclusions[1]]);
    const tooBig = await api.gql(`{ recommendationAudits(userId: "${customerId(2)}", first: 21) { edges { cursor } } }`);
    expect(tooBig.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('a fragment bomb is refused by cost, not executed', async () => {
    const frags = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ');
    await refused(`{ ...F0 } ${frags} fragment F12 on Query { products(first: 100) { edges { node { code } } } }`, 'products', /costs/);
  });

  it('every root field, at its largest page with every field selected, fits in the budget', () => {
    const big: Record<string, string> = { userId: `"${customerId(1)}"`, productId: '"p"', text: '"savings"', id: '"x"' };
    const roots: string[] = [];
    for (const field of Object.values(schema.getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[]) {
      const args = field.args.map((a) => (a.name === 'first' ? 'first: 100' : big[a.name] ? `${a.name}: ${big[a.name]}` : '')).filter(Boolean);
      const inner = getNamedType(field.type);
      const selection = isObjectType(inner) ? `{ ${everything(schema, inner.name)} }` : '';
      const query = `{ ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection} }`;
      const cost = operationCost(schema, parse(query), {})?.cost;
      expect(cost, query).toBeDefined();
      expect(cost!, field.name).toBeLessThanOrEqual(MAX_COST);
      roots.push(`${field.name}=${cost}`);
    }
    console.log(`largest cost of each root field: ${roots.join(', ')} (budget ${MAX_COST})`);
  });

  it('every `first` argument of the schema is bounded: beyond its maximum, BAD_USER_INPUT with field first', async () => {
    const sample: Record<string, unknown> = { userId: customerId(3), productId: bank.productIds.get('ind_cco_fin_ult1'), text: 'a safe savings account' };
    const withFirst = Object.values(schema.getQueryType()!.getFields()).filter((f) => f.args.some((a) => a.name === 'first'));
    expect(withFirst.map((f) => f.name).sort()).toEqual(expect.arrayContaining(['products', 'recommendForNeed', 'recommendations', 'searchProducts', 'similarProducts', 'users']));
    for (const f of withFirst) {
      const max = Number(/1–(\d+)/.exec(f.args.find((a) => a.name === 'first')!.description ?? '')?.[1] ?? 100);
      expect(max, f.name).toBeLessThanOrEqual(100);
      const required = f.args.filter((a) => a.type.toString().endsWith('!'));
      const decl = ['$first: Int', ...required.map((a) => `$${a.name}: ${a.type.toString()}`)].join(', ');
      const call = ['first: $first', ...required.map((a) => `${a.name}: $${a.name}`)].join(', ');
      const inner = getNamedType(f.type);
      const query = `query(${decl}) { ${f.name}(${call}) { __typename } }`;
      const vars = Object.fromEntries(required.map((a) => [a.name, sample[a.name]]));
      expect(isObjectType(inner)).toBe(true);
      for (const bad of [0, -1, max + 1, 1_000_000]) {
        const r = await api.gql(query, { ...vars, first: bad });
        expect(r.errors?.[0]?.extensions, `${f.name}(first: ${bad})`).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
        expect(r.errors?.[0]?.message).toBe(`first must be between 1 and ${max}`);
      }
      const ok = await api.gql(query, { ...vars, first: max });
      expect(ok.errors, `${f.name}(first: ${max})`).toBeUndefined();
    }
  });

  it('a body over 1 MB is refused with 413 before it is parsed; one just under is served', async () => {
    const pad = (n: number) => JSON.stringify({ query: `{ products(first: 1) { edges { cursor } } } #${'x'.repeat(n)}` });
    const huge = await fetch(api.app.url, { method: 'POST', headers: apiHeaders(), body: pad(1_000_001) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).errors[0].extensions.code).toBeDefined();
    const under = await fetch(api.app.url, { method: 'POST', headers: apiHeaders(), body: pad(990_000) });
    expect(under.status).toBe(200);
    expect((await fetch(api.app.url.replace('/graphql', '/health'))).status).toBe(200);
  });
});
