// The audit trail is append-only: no API operation updates or deletes a served list.
//  - schema: no mutation takes a list id, except submitFeedback's reference to the list it answers;
//  - store: after every kind of mutation runs, every audit record reads back byte-identical (rows
//    and recommendationAudit); erasure only re-points a list to the customer's pseudonym.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getNamedType, isInputObjectType, type GraphQLInputType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finrecSchema } from '../../src/graphql/schema';
import { startApi, type Api } from '../helpers/api';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank, type SmallBank } from '../helpers/smallBank';
import { trainTiny } from '../helpers/train';

/** Every argument path of a mutation, input object fields included (`submitFeedback.input.recommendationListId`). */
function argumentPaths(prefix: string, type: GraphQLInputType, seen = new Set<string>()): string[] {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return [prefix];
  seen.add(named.name);
  return [prefix, ...Object.values(named.getFields()).flatMap((f) => argumentPaths(`${prefix}.${f.name}`, f.type, new Set(seen)))];
}

const AUDIT = `query($id: ID!) { recommendationAudit(id: $id) {
  id userId customerErased servedAt recommender configHash modelVersion ruleSetVersion request notices { code message }
  items { rank score product { id code } reasons { code weight text evidence } } exclusions { productId rule detail } } }`;

describe('the audit trail is append-only', () => {
  it('no mutation takes a list id, except the list a feedback answers', async () => {
    const mutations = (await finrecSchema()).getMutationType()!.getFields();
    const paths = Object.values(mutations).flatMap((m) => m.args.flatMap((a) => argumentPaths(`${m.name}.${a.name}`, a.type)));
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => /list|audit/i.test(p.split('.').slice(1).join('.')))).toEqual(['submitFeedback.input.recommendationListId']);
    expect(Object.keys(mutations).filter((m) => /list|audit/i.test(m))).toEqual([]);
  });

  describe('over HTTP (sqlite)', () => {
    let t: TestDb;
    let bank: SmallBank;
    let api: Api;
    let dir: string;
    const listIds: string[] = [];

    /** The stored rows, every column, in a fixed order. */
    const rows = async () => JSON.stringify(await t.db.recommendationList.findMany({
      where: { id: { in: listIds } }, orderBy: { id: 'asc' }, include: { items: { orderBy: { rank: 'asc' } } },
    }));
    const audits = async () => Promise.all(listIds.map(async (id) => JSON.stringify((await api.gql(AUDIT, { id })).data)));
    const ok = async (query: string, variables: Record<string, unknown> = {}) => {
      const r = await api.gql(query, variables);
      expect(r.errors, query).toBeUndefined();
      return r.data;
    };

    beforeAll(async () => {
      t = await createTestDb('sqlite');
      bank = await seedSmallBank(t.db);
      dir = mkdtempSync(path.join(tmpdir(), 'finrec-audit-models-'));
      api = await startApi(t.db, { MODELS_DIR: dir });
    }, 120_000);
    afterAll(async () => { await api?.stop(); await t?.close(); if (dir) rmSync(dir, { recursive: true, force: true }); });

    it('every audit record reads back byte-identical after every kind of mutation', async () => {
      for (const i of [2, 5, 8, 16]) {
        const data = await ok(`query($u: ID!) { a: recommendations(userId: $u, first: 5) { id } b: recommendations(userId: $u, first: 2, category: FUND) { id } }`, { u: customerId(i) });
        listIds.push(data.a.id, data.b.id);
      }
      listIds.push((await ok('{ recommendForNeed(text: "savings for a holiday next year", userId: "c002", first: 3) { listId } }')).recommendForNeed.listId);
      const before = await rows();
      const beforeAudits = await audits();
      expect(beforeAudits.filter((a) => a.includes('"items":[{') && a.includes('"exclusions":[{')).length).toBeGreaterThanOrEqual(5);

      const top = (await ok('query($id: ID!) { recommendationAudit(id: $id) { items { product { id } } } }', { id: listIds[0] })).recommendationAudit.items[0].product.id;
      const { riskQuestionnaire } = await ok('{ riskQuestionnaire { questions { id options { id } } } }');
      const model = await trainTiny(t.db, dir, { seed: 3, activate: false, hidden: 8, epochs: 1, minSteps: 5 });
      const runs: Record<string, () => Promise<unknown>> = {
        submitFeedback: () => ok('mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { replayed } }',
          { i: { userId: customerId(2), productId: top, kind: 'DISMISS', recommendationListId: listIds[0] } }),
        recordInteraction: () => ok('mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }',
          { i: { userId: customerId(5), productId: bank.productIds.get('ind_reca_fin_ult1'), kind: 'VIEW' } }),
        upsertUser: () => ok('mutation { upsertUser(input: { id: "c005", riskTolerance: 2, income: 1 }) { id } }'),
        upsertProduct: () => ok('mutation { upsertProduct(input: { code: "ind_ctma_fin_ult1", description: "Changed after the lists were served." }) { id } }'),
        activateModelVersion: () => ok('mutation($id: ID!) { activateModelVersion(id: $id) { id } }', { id: model.version.id }),
        submitRiskQuestionnaire: () => ok('mutation($u: ID!, $a: [RiskAnswerInput!]!) { submitRiskQuestionnaire(userId: $u, answers: $a) { riskTolerance } }', {
          u: customerId(8), a: riskQuestionnaire.questions.map((q: { id: string; options: { id: string }[] }) => ({ questionId: q.id, optionId: q.options.at(-1)!.id })),
        }),
        createApiKey: () => ok('mutation { createApiKey(input: { name: "audit test", role: CUSTOMER, userId: "c016" }) { apiKey { id } } }'),
        revokeApiKey: async () => {
          const { createApiKey } = await ok('mutation { createApiKey(input: { name: "to revoke", role: PARTNER }) { apiKey { id } } }');
          return ok('mutation($id: ID!) { revokeApiKey(id: $id) { id } }', { id: createApiKey.apiKey.id });
        },
        ingestInteractions: () => ok('mutation($e: [RecordInteractionInput!]!) { ingestInteractions(input: { events: $e }) { created } }',
          { e: [{ userId: customerId(16), productId: bank.productIds.get('ind_reca_fin_ult1'), kind: 'CLICK' }] }),
        exportCustomerData: () => ok('mutation { exportCustomerData(userId: "c016") { formatVersion } }'),
      };
      const mutations = Object.keys((await finrecSchema()).getMutationType()!.getFields());
      // A new mutation must be added to `runs` (or, like eraseCustomer, get its own test below).
      expect(mutations.filter((m) => !(m in runs) && m !== 'eraseCustomer'), 'mutations this test does not run').toEqual([]);
      for (const m of mutations) if (m in runs) await runs[m]();
      // recomputed lists are new rows; the old ones are untouched
      await ok('{ recommendations(userId: "c005") { id } }');

      expect(await rows()).toBe(before);
      expect(await audits()).toEqual(beforeAudits);
    }, 120_000);

    it('erasure re-points the lists to the pseudonym and changes nothing else in them', async () => {
      const mine = await t.db.recommendationList.findMany({ where: { customerId: customerId(16) }, select: { id: true } });
      expect(mine.length).toBeGreaterThan(0);
      const before = (await audits()).map((a) => JSON.parse(a));
      const { eraseCustomer } = await ok('mutation { eraseCustomer(userId: "c016") { pseudonym listsKept } }');
      expect(eraseCustomer.listsKept).toBe(mine.length);
      const after = (await audits()).map((a) => JSON.parse(a));
      const erased = new Set(mine.map((l) => l.id));
      after.forEach((a, i) => {
        const was = before[i].recommendationAudit;
        const expected = erased.has(was.id) ? { ...was, userId: eraseCustomer.pseudonym, customerErased: true } : was;
        expect(a.recommendationAudit).toEqual(expected);
      });
    });
  });
});

// The same guarantee below the API: the database refuses to change or delete audit rows
// (migration 20261204170000_audit_trail_append_only), whoever connects to it.
describe.each(backends)('the store itself refuses to rewrite the audit trail (%s)', (provider) => {
  let t: TestDb;
  let listId: string;
  beforeAll(async () => {
    t = await createTestDb(provider);
    const bank = await seedSmallBank(t.db);
    const product = [...bank.productIds.values()][0];
    listId = 'audit-list-1';
    await t.db.recommendationList.create({
      data: { id: listId, customerId: customerId(1), recommender: 'r', configHash: 'h', request: '{}', ruleSetVersion: 'v', exclusions: '[]', notices: '[]',
        items: { create: [{ rank: 1, productId: product, score: 1, reasons: '[]' }] } },
    });
  }, 60_000);
  afterAll(async () => { await t?.close(); });

  // The driver adapters translate a trigger's abort into their own wording (SQLite's reads as a
  // foreign-key error), so the proof is the refusal plus the unchanged rows checked after it.
  const refused = async (run: () => Promise<unknown>) => {
    await expect(run()).rejects.toThrow();
  };

  it('items can be neither changed nor deleted', async () => {
    await refused(() => t.db.recommendationItem.updateMany({ where: { listId }, data: { score: 2 } }));
    await refused(() => t.db.recommendationItem.deleteMany({ where: { listId } }));
    expect((await t.db.recommendationItem.findMany({ where: { listId } })).map((i) => i.score)).toEqual([1]);
  });

  it('a list cannot be deleted, not even by deleting its customer, and changes only once: re-pointed to a pseudonym, its words redacted', async () => {
    await refused(() => t.db.recommendationList.delete({ where: { id: listId } }));
    await refused(() => t.db.customer.delete({ where: { id: customerId(1) } }));
    await refused(() => t.db.recommendationList.update({ where: { id: listId }, data: { exclusions: '[]', ruleSetVersion: 'forged' } }));
    await refused(() => t.db.recommendationList.update({ where: { id: listId }, data: { customerId: customerId(2) } }));
    await refused(() => t.db.recommendationList.update({ where: { id: listId }, data: { request: '{"need":null}' } }));
    await refused(() => t.db.recommendationList.update({ where: { id: listId }, data: { customerId: 'erased-x', notices: '[]', exclusions: '[{"forged":1}]' } }));
    expect(await t.db.recommendationList.findUnique({ where: { id: listId } })).toMatchObject({ customerId: customerId(1), ruleSetVersion: 'v', request: '{}', exclusions: '[]' });
    // Erasure, once: re-pointed to the pseudonym, the customer's words redacted in the same update …
    await t.db.customer.createMany({ data: [{ id: 'erased-x', erasedAt: new Date() }, { id: 'erased-y', erasedAt: new Date() }] });
    await t.db.recommendationList.update({ where: { id: listId }, data: { customerId: 'erased-x', request: '{"need":null,"needErased":true}' } });
    expect(await t.db.recommendationList.findUnique({ where: { id: listId } })).toMatchObject({ customerId: 'erased-x', request: '{"need":null,"needErased":true}' });
    // … and never again.
    await refused(() => t.db.recommendationList.update({ where: { id: listId }, data: { customerId: 'erased-y' } }));
    await refused(() => t.db.recommendationList.update({ where: { id: listId }, data: { request: '{}' } }));
    expect(await t.db.recommendationList.findUnique({ where: { id: listId } })).toMatchObject({ customerId: 'erased-x', request: '{"need":null,"needErased":true}' });
  });
});
