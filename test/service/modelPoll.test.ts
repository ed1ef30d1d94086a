// A running server switches to a model version activated by another process (as `npm run train`
// does: a version row recorded and activated in the same database) without the mutation or a
// restart, within MODEL_POLL_SECONDS: lists report the new version and are not served from the
// stale cache. A version whose artifact cannot be loaded is logged once and skipped, and the server
// keeps serving the current one. Real HTTP on loopback.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { createApp, type App } from '../../src/server';
import { createDb, type Db } from '../../src/store/db';
import { newVersionId, recordModelVersion } from '../../src/train/modelVersions';
import { trainTiny } from '../helpers/train';
import { backends, createTestDb, type TestDb } from '../helpers/db';
import { fitForTests } from '../helpers/engine';
import { customerId, seedSmallBank } from '../helpers/smallBank';
import { apiHeaders, TEST_AUTH_ENV } from '../helpers/api';

const RECS = 'query($u: ID!) { recommendations(userId: $u, first: 5) { id cached modelVersion } }';
const POLL_SECONDS = 0.3;

describe.each(backends)('the server picks up a newly activated model version (%s)', (provider) => {
  let t: TestDb;
  let outside: Db; // another client on the same database: "another process"
  let app: App;
  let dir: string;
  const logs: { msg: string; modelVersion?: string }[] = [];
  const u = customerId(6);

  async function recs(): Promise<{ id: string; cached: boolean; modelVersion: string | null }> {
    const res = await fetch(app.url, { method: 'POST', headers: apiHeaders(), body: JSON.stringify({ query: RECS, variables: { u } }) });
    const body = (await res.json()) as { data?: { recommendations: { id: string; cached: boolean; modelVersion: string | null } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    return body.data!.recommendations;
  }

  /** Ask until the list reports `version` (at most `ms`); returns every answer seen. */
  async function until(version: string, ms = 10_000): Promise<Awaited<ReturnType<typeof recs>>[]> {
    const seen = [];
    const deadline = Date.now() + ms;
    for (;;) {
      const r = await recs();
      seen.push(r);
      if (r.modelVersion === version || Date.now() > deadline) return seen;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const train = (seed: number) => trainTiny(outside, dir, { seed, activate: true, hidden: 8, epochs: 1, minSteps: 5 });

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-poll-'));
    t = await createTestDb(provider);
    await seedSmallBank(t.db);
    outside = createDb(t.url);
    await train(1);
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', REFIT_INTERVAL_SECONDS: '0', MODEL_POLL_SECONDS: String(POLL_SECONDS), MODELS_DIR: dir, ...TEST_AUTH_ENV });
    const log = pino({ level: 'info' }, { write: (line: string) => { logs.push(JSON.parse(line)); } });
    app = await createApp({ config, db: t.db, fit: fitForTests, log });
  }, 60_000);
  afterAll(async () => {
    await app?.stop();
    await outside?.$disconnect();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('switches to a version trained and activated from outside, and clears the cache', async () => {
    const before = await recs();
    expect(before.modelVersion).toMatch(/^v\d{14}-/);
    expect((await recs()).cached).toBe(true);
    const next = (await train(2)).version.id;
    const seen = await until(next);
    const first = seen.find((r) => r.modelVersion === next);
    expect(first, `still serving ${seen.at(-1)?.modelVersion} after 10 s`).toBeDefined();
    expect(first!.cached).toBe(false); // computed with the new version, not the stale cached list
    expect(first!.id).not.toBe(before.id);
    expect((await recs())).toMatchObject({ cached: true, modelVersion: next });
    expect(logs.some((l) => l.msg === 'active model version changed in the store; switching' && l.modelVersion === next)).toBe(true);
  }, 30_000);

  it('skips a version whose artifact cannot be loaded (logged once), keeps serving, and switches again later', async () => {
    const current = (await recs()).modelVersion!;
    const good = (await outside.modelVersion.findFirst({ where: { id: current } }))!;
    const broken = newVersionId();
    await recordModelVersion(outside, { ...good, id: broken, artifactPath: path.join(dir, 'no-such-version') }, true);
    await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000 * 8)); // several polls
    const failures = logs.filter((l) => l.msg.includes('cannot be loaded') && l.modelVersion === broken);
    expect(failures).toHaveLength(1); // logged and skipped, not retried on every poll
    // Still the current model, and its cache untouched (no refit was attempted).
    expect(await recs()).toMatchObject({ cached: true, modelVersion: current });
    const health = await fetch(app.url.replace('/graphql', '/health'));
    expect(health.status).toBe(200);

    const after = (await train(3)).version.id;
    const seen = await until(after);
    expect(seen.at(-1)).toMatchObject({ modelVersion: after, cached: false });
  }, 30_000);

  it('stops polling on close', async () => {
    await app.stop();
    const good = (await outside.modelVersion.findFirst({ where: { active: true } }))!;
    const id = newVersionId();
    await recordModelVersion(outside, { ...good, id }, true); // a loadable version, activated after the stop
    await new Promise((resolve) => setTimeout(resolve, POLL_SECONDS * 1000 * 4));
    expect(logs.some((l) => l.modelVersion === id)).toBe(false);
  });
});
