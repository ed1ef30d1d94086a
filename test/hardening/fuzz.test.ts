// Fuzz: hundreds of malformed GraphQL requests over real HTTP (seeded, so a failure reproduces) and
// malformed CSV rows through both file importers. The properties, for every input:
//   - the server never crashes (it answers /health at the end) and never answers 500;
//   - every error carries extensions.code (INTERNAL_SERVER_ERROR never: nothing here is our fault);
//   - an answer with an error wrote nothing: the row count of every table is unchanged;
//   - inputs that no schema accepts (wrong type, null for required, unknown enum …) are refused.
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, isScalarType,
  type GraphQLField, type GraphQLInputType, type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/eval/split';
import { finrecSchema } from '../../src/graphql/schema';
import { loadFundCatalog } from '../../src/ingest/funds/catalog';
import { importFundRecords } from '../../src/ingest/funds/import';
import { importSantander, StrictImportError } from '../../src/ingest/santander/import';
import type { Db } from '../../src/store/db';
import { apiHeaders, startApi, type Api } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';
import { fieldsOf, lineOf, sampleLines, withField } from '../ingest/santanderFixture';

/** The project's seeded generator (mulberry32), so every run sends the same requests. */
function rng(seed: number) {
  const next = mulberry32(seed);
  return { next, pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)], int: (n: number) => Math.floor(next() * n) };
}

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%' ORDER BY name`);
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT COUNT(*) AS n FROM "${name}"`))[0].n);
  return out;
}

const SQLISH = ["' OR '1'='1", '"; DROP TABLE "Interaction"; --', "1; DELETE FROM Customer WHERE 1=1", "' UNION SELECT secret FROM ApiKey --"];
const WEIRD = ['\u0000', 'a\u0000b', '😀🏦', '\u202Eevil', '\ud800', 'ñandú Ωmega', '\r\n\t', ' '];

/** Corrupt values that no schema type accepts: [label, value]. */
function mustFail(type: GraphQLInputType): [string, unknown][] {
  const named = getNamedType(type);
  const out: [string, unknown][] = [['object for a leaf', { $gt: '' }], ['array of arrays', [[['deep']]]]];
  if (isNonNullType(type)) out.push(['null where required', null]);
  if (isScalarType(named)) {
    if (['Int', 'Float'].includes(named.name)) out.push(['NaN-like string', 'NaN'], ['Infinity string', 'Infinity'], ['number as text', '1e999'], ['boolean', true]);
    if (named.name === 'Int') out.push(['Int overflow', 2 ** 31], ['fraction for Int', 1.5], ['huge Int', 1e20]);
    if (named.name === 'Boolean') out.push(['string for Boolean', 'true']);
    if (named.name === 'DateTimeISO') out.push(['not a date', 'yesterday'], ['impossible date', '2016-02-30T00:00:00Z']);
    if (['String', 'ID'].includes(named.name)) out.push(['NUL byte', `x\u0000y`], ['boolean for text', false]);
  }
  if (isEnumType(named)) out.push(['unknown enum value', 'NOT_A_VALUE'], ['lower-case enum', named.getValues()[0].name.toLowerCase()]);
  if (isInputObjectType(named)) out.push(['unknown input field', { __nope: 1 }], ['string for an input object', 'x']);
  return out;
}

/** Corrupt values a schema type may accept, that the API must still handle: [label, value]. */
function mayFail(type: GraphQLInputType, r: ReturnType<typeof rng>): [string, unknown][] {
  const named = getNamedType(type);
  if (!isScalarType(named)) return [];
  if (['String', 'ID'].includes(named.name)) {
    return [['huge string', 'x'.repeat(100_000)], ['very long id', '9'.repeat(5_000)], ['SQL-looking', r.pick(SQLISH)], ['unicode', r.pick(WEIRD.filter((w) => !w.includes('\u0000')))], ['empty', '']];
  }
  if (named.name === 'Int') return [['negative', -1], ['zero', 0], ['max Int', 2 ** 31 - 1]];
  if (named.name === 'Float') return [['huge', 1.7e308], ['negative huge', -1.7e308], ['tiny', 5e-324]];
  return [];
}

/** A plausible value for each input type, filled with real ids where the name says so. */
function sample(type: GraphQLInputType, name: string, bank: SmallBank): unknown {
  const named = getNamedType(type);
  if (isListType(isNonNullType(type) ? type.ofType : type)) return [sample(named as GraphQLInputType, name, bank)];
  if (isInputObjectType(named)) {
    return Object.fromEntries(Object.values(named.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type, f.name, bank)]));
  }
  if (isEnumType(named)) return named.getValues()[0].value;
  if (/user|customer/i.test(name)) return customerId(2);
  if (/product/i.test(name)) return bank.productIds.get('ind_cco_fin_ult1');
  switch (named.name) {
    case 'Int': return 1;
    case 'Float': return 1;
    case 'Boolean': return true;
    case 'DateTimeISO': return '2016-05-28T00:00:00Z';
    default: return name === 'text' ? 'a safe savings account' : 'fuzz';
  }
}

interface Case { label: string; body: string; contentType?: string; method?: string; mustFail: boolean }

/** Every argument leaf of `field`, corrupted in turn, as a request with variables. */
function fieldCases(op: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, bank: SmallBank, r: ReturnType<typeof rng>): Case[] {
  const decl = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const ret = getNamedType(field.type);
  const selection = isObjectType(ret) ? '{ __typename }' : '';
  const query = `${op}${decl ? `(${decl})` : ''} { ${field.name}${call ? `(${call})` : ''} ${selection} }`;
  const base = Object.fromEntries(field.args.map((a) => [a.name, sample(a.type, a.name, bank)]));
  const cases: Case[] = [];
  const add = (label: string, variables: unknown, fail: boolean) =>
    cases.push({ label: `${field.name}: ${label}`, body: JSON.stringify({ query, variables }), mustFail: fail });
  for (const arg of field.args) {
    const named = getNamedType(arg.type);
    const leaves: [string[], GraphQLInputType][] = isInputObjectType(named)
      ? Object.values(named.getFields()).map((f) => [[arg.name, f.name], f.type])
      : [[[arg.name], arg.type]];
    if (isInputObjectType(named)) { for (const [label, v] of mustFail(arg.type)) add(`${arg.name} ← ${label}`, { ...base, [arg.name]: v }, true); }
    for (const [p, type] of leaves) {
      const set = (v: unknown) => (p.length === 1 ? { ...base, [p[0]]: v } : { ...base, [p[0]]: { ...(base[p[0]] as object), [p[1]]: v } });
      const fails = mustFail(type);
      for (const [label, v] of [r.pick(fails), r.pick(fails)]) add(`${p.join('.')} ← ${label}`, set(v), true);
      const mays = mayFail(type, r);
      if (mays.length) { const [label, v] = r.pick(mays); add(`${p.join('.')} ← ${label}`, set(v), false); }
      if (isNonNullType(type) && p.length === 2) {
        const { [p[1]]: _gone, ...rest } = base[p[0]] as Record<string, unknown>;
        add(`${p.join('.')} missing`, { ...base, [p[0]]: rest }, true);
      }
    }
  }
  if (field.args.some((a) => isNonNullType(a.type))) add('no variables at all', {}, true);
  return cases;
}

/** Requests broken below the level of any one field: syntax, JSON, transport, shape. */
function transportCases(r: ReturnType<typeof rng>): Case[] {
  const valid = `{ recommendations(userId: "${customerId(1)}", first: 3) { id items { rank } } }`;
  const out: Case[] = [];
  const q = (label: string, query: unknown, extra: Record<string, unknown> = {}) => out.push({ label, body: JSON.stringify({ query, ...extra }), mustFail: true });
  for (let i = 0; i < 12; i++) { const cut = 1 + r.int(valid.length - 2); q(`truncated at ${cut}`, valid.slice(0, cut)); }
  for (let i = 0; i < 8; i++) { const at = r.int(valid.length); q(`garbage at ${at}`, `${valid.slice(0, at)}${r.pick(['}}}', '(((', '$', '@@', '"', '\u0000', '#\n!'])}${valid.slice(at)}`); }
  q('empty query', '');
  q('query is a number', 5);
  q('query is null', null);
  q('query is an object', { query: valid });
  q('variables are a string', valid, { variables: 'x' });
  q('variables are an array', valid, { variables: [1, 2] });
  q('operationName unknown', valid, { operationName: 'Nope' });
  q('operationName not a string', valid, { operationName: 5 });
  q('deeply nested selection', `{ ${'a { '.repeat(300)}b${' }'.repeat(300)} }`);
  q('very deep nesting (parser limit)', `{ ${'a { '.repeat(20_000)}b${' }'.repeat(20_000)} }`);
  q('deeply nested list literal', `{ recommendations(userId: ${'['.repeat(5_000)}"x"${']'.repeat(5_000)}) { id } }`);
  q('unknown field', '{ nothingHere }');
  q('subscription', 'subscription { recommendations { id } }');
  q('mutation on a query field', `mutation { recommendations(userId: "${customerId(1)}") { id } }`);
  q('duplicate operation names', 'query A { products { pageInfo { hasNextPage } } } query A { users { pageInfo { hasNextPage } } }', { operationName: 'A' });
  q('fragment cycle', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }');
  q('directive unknown', '{ products @nope { pageInfo { hasNextPage } } }');
  q('huge alias count', `{ ${Array.from({ length: 5_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`);
  for (const body of ['{nope', '{"query": ', '{"query": "{ __typename }",}', '', 'null', '"just a string"', '123', '{"query": "\\ud800"}', '\u0000\u0001\u0002']) {
    out.push({ label: `invalid JSON ${JSON.stringify(body).slice(0, 30)}`, body, mustFail: true });
  }
  out.push({ label: 'batch array', body: JSON.stringify([{ query: valid }, { query: valid }]), mustFail: true });
  out.push({ label: 'empty batch array', body: '[]', mustFail: true });
  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', '']) {
    out.push({ label: `content-type ${contentType || '(none)'}`, body: JSON.stringify({ query: valid }), contentType, mustFail: true });
  }
  out.push({ label: 'GET with a mutation', body: '', method: 'GET:' + encodeURIComponent('mutation { upsertUser(input: { id: "zz" }) { id } }'), mustFail: true });
  out.push({ label: 'GET with broken syntax', body: '', method: 'GET:' + encodeURIComponent('{ products('), mustFail: true });
  return out;
}

describe('fuzz: malformed GraphQL requests over HTTP', () => {
  let t: TestDb;
  let bank: SmallBank;
  let api: Api;
  let schema: GraphQLSchema;

  beforeAll(async () => {
    t = await createTestDb('sqlite');
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db);
    schema = await finrecSchema();
  });
  afterAll(async () => {
    await api?.stop();
    await t?.close();
  });

  it('never crashes, never 500, every error coded, an error writes nothing', async () => {
    const r = rng(20261204);
    const QUERIES = ['recommendations', 'users', 'products', 'product', 'user', 'similarProducts', 'searchProducts', 'recommendForNeed'];
    const cases = [
      ...Object.values(schema.getMutationType()!.getFields()).flatMap((f) => fieldCases('mutation', f, bank, r)),
      ...QUERIES.map((n) => schema.getQueryType()!.getFields()[n]).filter(Boolean).flatMap((f) => fieldCases('query', f, bank, r)),
      ...transportCases(r),
    ];
    const problems: string[] = [];
    let refused = 0;
    for (const c of cases) {
      const before = await tableCounts(t.db);
      const headers = apiHeaders();
      if (c.contentType !== undefined) { if (c.contentType) headers['content-type'] = c.contentType; else delete headers['content-type']; }
      const res = c.method?.startsWith('GET:')
        ? await fetch(`${api.app.url}?query=${c.method.slice(4)}`, { headers: { authorization: headers.authorization, 'apollo-require-preflight': 'true' } })
        : await fetch(api.app.url, { method: 'POST', headers, body: c.body });
      const text = await res.text();
      let body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } | null = null;
      try { body = JSON.parse(text); } catch { /* reported below */ }
      const where = `${c.label} → ${res.status} ${text.slice(0, 300)}`;
      if (res.status >= 500) problems.push(`5xx: ${where}`);
      if (!body || typeof body !== 'object') { problems.push(`not JSON: ${where}`); continue; }
      const errors = body.errors ?? [];
      if (errors.some((e) => !e.extensions?.code)) problems.push(`error without code: ${where}`);
      if (errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) problems.push(`internal error: ${where}`);
      if (c.mustFail && errors.length === 0) problems.push(`accepted: ${where}`);
      if (errors.length > 0) {
        refused += 1;
        const after = await tableCounts(t.db);
        const data = body.data ? Object.values(body.data) : [];
        if (data.every((v) => v === null) && JSON.stringify(after) !== JSON.stringify(before)) {
          problems.push(`wrote despite an error: ${where}\n  ${JSON.stringify(before)}\n  ${JSON.stringify(after)}`);
        }
      }
    }
    console.log(`fuzz: ${cases.length} malformed GraphQL requests (${cases.filter((c) => c.mustFail).length} that no schema accepts), ${refused} refused, ${problems.length} problems`);
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThanOrEqual(200);
    const health = await fetch(api.app.url.replace(/\/graphql$/, '/health'));
    expect(health.status).toBe(200);
  });
});

describe('fuzz: malformed CSV rows through the importers', () => {
  let t: TestDb;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDb('sqlite');
    await seedSmallBank(t.db);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-fuzz-'));
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Santander: every malformed row is reported by line, nothing written (strict or not)', async () => {
    const r = rng(7);
    const { header, columns, lines } = sampleLines();
    const lag = () => r.pick(columns.filter((c) => /_Tminus\d$/.test(c) && !c.startsWith('sum_')));
    const mutations: [string, string][] = [
      ...['abc', '-5', '1'.repeat(13), "1' OR '1'='1", '12\u00003', '😀', '1.5', '0x1F'].map((v): [string, string] => ['ncodpers', v]),
      ...['2016-13-01', '2016-02-30', 'yesterday', '', "'; DROP TABLE x; --", '2016-5-28', '\u0000'].map((v): [string, string] => ['fecha_dato', v]),
      ...['-1', '121', '45.5', 'abc', '1e400', 'Infinity'].map((v): [string, string] => ['age', v]),
      ...['-1', '1e10', 'Infinity', '12,5'].map((v): [string, string] => ['renta', v]),
      ...['ind_nope', "x'; --", 'IND_CCO_FIN_ULT1'].map((v): [string, string] => ['added_products', v]),
      ...['Y', 'ü', 'SS'].map((v): [string, string] => ['indext', v]),
      ...['2016-02-30', 'x'].map((v): [string, string] => ['fecha_alta', v]),
      ...['1201', '12.5'].map((v): [string, string] => ['antiguedad', v]),
      ...['2', 'x'].map((v): [string, string] => ['ind_actividad_cliente', v]),
    ];
    const bad: string[] = mutations.map(([column, value], i) => withField(lines[i], column, value));
    for (let i = 0; i < 24; i++) bad.push(withField(lines[100 + i], lag(), r.pick(['2', 'x', '-1', '1e999', '0.5', "1'--", '\u0000'])));
    for (let i = 0; i < 8; i++) { const f = fieldsOf(lines[200 + i]); bad.push(lineOf(i % 2 ? f.slice(0, r.int(f.length - 1) + 1) : [...f, 'extra'])); }
    for (let i = 0; i < 4; i++) bad.push(`${'x,'.repeat(r.int(400))}"`);
    bad.push('"unterminated' + ',1'.repeat(157));
    expect(bad.length).toBeGreaterThanOrEqual(60);
    const file = path.join(dir, 'bad.csv');
    writeFileSync(file, `${header}\n${bad.join('\n')}\n`);

    const before = await tableCounts(t.db);
    await expect(importSantander(t.db, file, { strict: true })).rejects.toBeInstanceOf(StrictImportError);
    expect(await tableCounts(t.db)).toEqual(before);
    const s = await importSantander(t.db, file, { batchSize: 7 });
    expect(s.imported).toBe(0);
    expect(s.skipped).toBe(s.rows);
    expect(s.errors.length).toBe(s.skipped);
    expect(s.rows).toBeGreaterThanOrEqual(bad.length - 1); // an unterminated quote may run to the end of the file
    for (const e of s.errors) { expect(e.line).toBeGreaterThan(1); expect(e.field).toBeTruthy(); expect(e.message).toBeTruthy(); }
    expect(await tableCounts(t.db)).toEqual(before);
    console.log(`fuzz: ${bad.length} malformed Santander rows, ${s.skipped} reported and skipped, nothing written`);
  });

  it('fund catalog: malformed rows are skipped or stored sane, every row accounted for, nothing half-written', async () => {
    const r = rng(11);
    const real = (await import('node:fs')).readFileSync(path.join(__dirname, '../../data/funds/india_mutual_funds_comprehensive.csv'), 'utf8').trim().split(/\r?\n/);
    const header = real[0];
    const cols = fieldsOf(header);
    const rows: string[] = [];
    for (let i = 0; i < 60; i++) {
      const f = fieldsOf(real[1 + (i % (real.length - 1))]);
      const c = r.int(cols.length);
      f[c] = r.pick(['', 'NaN', '-1e308', '1e999', 'Infinity', '-5', 'abc', 'x'.repeat(20_000), ...SQLISH, ...WEIRD]);
      if (i % 5 === 0) f[0] = r.pick(['', ' ', '\u0000', 'x'.repeat(5_000), ...SQLISH]);
      rows.push(lineOf(f));
    }
    for (let i = 0; i < 10; i++) rows.push(lineOf(fieldsOf(real[1 + i]).slice(0, 1 + r.int(cols.length - 2))));
    for (let i = 0; i < 5; i++) rows.push(`${'"'.repeat(1 + r.int(3))}${'y,'.repeat(r.int(30))}`);
    for (let i = 0; i < 5; i++) rows.push('\u0000,\u0001,\u0002');
    expect(rows.length).toBeGreaterThanOrEqual(60);
    const fundDir = path.join(dir, 'funds');
    (await import('node:fs')).mkdirSync(fundDir);
    writeFileSync(path.join(fundDir, 'india_mutual_funds_comprehensive.csv'), `${header}\n${rows.join('\n')}\n`);

    const before = await tableCounts(t.db);
    const catalog = await loadFundCatalog(fundDir);
    const skipped = Object.values(catalog.skipped).reduce((a, b) => a + b, 0);
    // Each well-formed CSV line (the 70 first) is mapped or skipped with a reason; a stray quote may
    // merge the lines after it into one bad record, so the last ones count at least once together.
    expect(catalog.records.length + skipped).toBeLessThanOrEqual(rows.length);
    expect(catalog.records.length + skipped).toBeGreaterThanOrEqual(71);
    const s = await importFundRecords(t.db, catalog.records);
    expect(s.created + s.updated + s.unchanged + Object.values(s.skipped).reduce((a, b) => a + b, 0)).toBe(catalog.records.length);
    const stored = await t.db.product.findMany({ where: { source: { not: 'santander' }, code: { contains: ':' } } });
    for (const p of stored) {
      expect(p.riskLevel, p.code).toBeGreaterThanOrEqual(1);
      expect(p.riskLevel, p.code).toBeLessThanOrEqual(7);
      expect(p.name.trim(), p.code).not.toBe('');
      expect(`${p.code}${p.name}${p.description}`, p.code).not.toMatch(/\u0000/);
    }
    const after = await tableCounts(t.db);
    expect(after.Product - before.Product).toBe(s.created);
    console.log(`fuzz: ${rows.length} malformed fund rows: ${catalog.records.length} mapped (${s.created} created), ${skipped} skipped ${JSON.stringify(catalog.skipped)}`);
  });
});
