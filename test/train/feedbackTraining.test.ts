// Feedback flows back: a PURCHASE recorded through the GraphQL API (recordInteraction, or
// submitFeedback) is an addition example in the data `npm run train` learns from (loadTrainingData),
// with the customer's state just before it; a VIEW is not. The next training run counts it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdditionExample } from '../../src/recommend/types';
import { loadTrainingData } from '../../src/store/snapshot';
import { trainTiny } from '../helpers/train';
import { startApi, type Api } from '../helpers/api';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { customerId, holdingsOf, seedSmallBank, type SmallBank } from '../helpers/smallBank';

const RECORD = 'mutation($i: RecordInteractionInput!) { recordInteraction(input: $i) { id } }';
const FEEDBACK = 'mutation($i: SubmitFeedbackInput!) { submitFeedback(input: $i) { replayed } }';

describe.each(backends)('API purchases reach the training data (%s)', (provider) => {
  let t: TestDb;
  let api: Api;
  let bank: SmallBank;
  let dir: string;
  // Customers 1 and 5 have no addition in the seeded bank (only every sixth has one).
  const [viaInteraction, viaFeedback, viewer] = [customerId(1), customerId(5), customerId(7)];
  const examplesOf = (examples: readonly AdditionExample[], id: string) => examples.filter((e) => e.state.profile.id === id);
  const idOf = (code: string) => bank.productIds.get(code)!;
  const train = () => trainTiny(t.db, dir, { seed: 1, activate: false, hidden: 8, epochs: 1, minSteps: 5 });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-feedback-train-'));
    t = await createTestDb(provider);
    bank = await seedSmallBank(t.db);
    api = await startApi(t.db, { MODELS_DIR: dir });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a PURCHASE via recordInteraction or submitFeedback is a new addition example; a VIEW is not', async () => {
    const before = await loadTrainingData(t.db);
    for (const id of [viaInteraction, viaFeedback, viewer]) expect(examplesOf(before.examples, id)).toEqual([]);
    const trainedBefore = await train();

    const card = idOf('ind_tjcr_fin_ult1');
    const eAccount = idOf('ind_ecue_fin_ult1');
    expect(holdingsOf(1)).not.toContain('ind_tjcr_fin_ult1');
    expect(holdingsOf(5)).not.toContain('ind_ecue_fin_ult1');
    const a = await api.gql(RECORD, { i: { userId: viaInteraction, productId: card, kind: 'PURCHASE' } });
    expect(a.errors).toBeUndefined();
    const b = await api.gql(FEEDBACK, { i: { userId: viaFeedback, productId: eAccount, kind: 'PURCHASE', idempotencyKey: 'buy-1' } });
    expect(b.errors).toBeUndefined();
    const c = await api.gql(RECORD, { i: { userId: viewer, productId: card, kind: 'VIEW' } });
    expect(c.errors).toBeUndefined();

    const after = await loadTrainingData(t.db);
    const [x] = examplesOf(after.examples, viaInteraction);
    expect(examplesOf(after.examples, viaInteraction)).toHaveLength(1);
    expect([...x.added]).toEqual([card]);
    // The state the model learns from is the one just before the purchase: the seeded holdings.
    expect([...x.state.held].sort()).toEqual(holdingsOf(1).map(idOf).sort());
    expect(x.state.snapshots).toHaveLength(5);
    const [y] = examplesOf(after.examples, viaFeedback);
    expect([...y.added]).toEqual([eAccount]);
    expect([...y.state.held].sort()).toEqual(holdingsOf(5).map(idOf).sort());
    expect(examplesOf(after.examples, viewer)).toEqual([]);
    expect(after.examples).toHaveLength(before.examples.length + 2);

    // The next `npm run train` trains on them (the recorded version counts them).
    const trainedAfter = await train();
    expect(trainedAfter.version.dataExamples).toBe(trainedBefore.version.dataExamples + 2);
  }, 60_000);
});
