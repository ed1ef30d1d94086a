// The model lifecycle as the API sees it: saved versions listed newest first, activation swaps the
// engine without restart and clears the Top-N cache, every list reports the version it was scored
// with, rollback to an older version, and an unknown id is NOT_FOUND naming the field.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainTiny } from '../helpers/train';
import { startApi, type Api } from '../helpers/api';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { customerId, seedSmallBank } from '../helpers/smallBank';

const RECS = 'query($u: ID!) { recommendations(userId: $u, first: 5) { id cached modelVersion items { product { id } score } } }';
const VERSIONS = '{ modelVersions { id kind active backend dataCustomers dataExamples validationMap7 metrics params artifactPath createdAt } }';
const ACTIVATE = 'mutation($id: ID!) { activateModelVersion(id: $id) { id active } }';

describe.each(backends)('model versions (%s)', (provider) => {
  let t: TestDb;
  let api: Api;
  let dir: string;
  const ids: string[] = [];
  const u = customerId(6);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-versions-'));
    t = await createTestDb(provider);
    await seedSmallBank(t.db);
    for (const seed of [1, 2]) {
      const out = await trainTiny(t.db, dir, { seed, activate: false });
      ids.push(out.version.id);
    }
    api = await startApi(t.db, { MODELS_DIR: dir });
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists versions newest first; with none active the neural ranker is fitted in-process (modelVersion null)', async () => {
    const res = await api.gql(VERSIONS);
    expect(res.errors).toBeUndefined();
    const list = res.data.modelVersions;
    expect(list.map((v: { id: string }) => v.id)).toEqual([...ids].reverse());
    expect(list[0]).toMatchObject({ kind: 'ranking', active: false, dataCustomers: 40, backend: expect.stringMatching(/wasm|cpu|tensorflow/) });
    expect(list[0].dataExamples).toBeGreaterThan(0);
    expect(JSON.parse(list[0].params)).toMatchObject({ neural: { seed: 2, hidden: [16] }, 'two-tower': { seed: 2, dim: 4 } });
    const recs = (await api.gql(RECS, { u })).data.recommendations;
    expect(recs.modelVersion).toBeNull();
  });

  it('activation swaps the model and clears the cache; rollback to the older version works the same way', async () => {
    expect((await api.gql(RECS, { u })).data.recommendations.cached).toBe(true);
    for (const id of [ids[1], ids[0], ids[1]]) {
      const act = await api.gql(ACTIVATE, { id });
      expect(act.errors).toBeUndefined();
      expect(act.data.activateModelVersion).toEqual({ id, active: true });
      const first = (await api.gql(RECS, { u })).data.recommendations;
      expect(first).toMatchObject({ cached: false, modelVersion: id });
      expect((await api.gql(RECS, { u })).data.recommendations).toMatchObject({ cached: true, modelVersion: id });
      const versions = (await api.gql(VERSIONS)).data.modelVersions as { id: string; active: boolean }[];
      expect(versions.filter((v) => v.active).map((v) => v.id)).toEqual([id]);
    }
  }, 60_000);

  it('a server started later scores with the active version from the start (no activation needed)', async () => {
    const again = await startApi(t.db, { MODELS_DIR: dir });
    try {
      expect((await again.gql(RECS, { u })).data.recommendations).toMatchObject({ cached: false, modelVersion: ids[1] });
    } finally {
      await again.stop();
    }
  }, 30_000);

  it('an unknown id is NOT_FOUND naming the field, and changes nothing', async () => {
    const res = await api.gql(ACTIVATE, { id: 'no-such-version' });
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const recs = (await api.gql(RECS, { u })).data.recommendations;
    expect(recs).toMatchObject({ cached: true, modelVersion: ids[1] });
  });
});
