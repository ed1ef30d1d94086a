// `npm run train` end to end, as a user runs it: a fresh SQLite database seeded with the bundled
// sample, per-epoch progress, a saved artifact, a ModelVersion row (active unless --no-activate),
// and recommend-batch scoring with the active version afterwards.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILE } from '../../src/ingest/seed';
import { createDb, type Db } from '../../src/store/db';
import { loadModelBundle } from '../../src/train/modelArtifact';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';

const TRAIN = cliPath('train');
const BATCH = cliPath('recommendBatch');

describe('npm run train', () => {
  let dir: string;
  let db: Db;
  const env = () => ({ DATABASE_URL: `file:${path.join(dir, 'train.db')}`, SEED_SAMPLE: 'true', LOG_LEVEL: 'warn', MODELS_DIR: 'models' });
  const train = (...args: string[]) => runCli(TRAIN, args, { cwd: dir, env: env(), timeoutMs: 150_000 });

  beforeAll(() => {
    buildIfStale(TRAIN);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-train-'));
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('trains on the seeded sample with progress per epoch, saves the artifact and records an active version', () => {
    const r = train('--seed', '5', '--max-epochs', '2', '--hidden', '16');
    expect(r.stderr).toMatch(/TensorFlow\.js backend: (wasm|cpu|tensorflow)/);
    expect(r.stderr).toMatch(/training on the database: 3000 customers/);
    expect(r.stderr).toMatch(/neural +epoch 1\/2 .*val MAP@7/);
    expect(r.stderr).toMatch(/two-tower +epoch 1\/2 .*val MAP@7/);
    expect(r.stderr).toMatch(/tune blend weights on \d+ validation customer-dates/);
    expect(r.stdout).toMatch(/model version v\d{14}-[0-9a-f]{6} \(ranking, \w+\) — active/);
    expect(r.stdout).toMatch(/neural +\d+ rows × 2 epochs in [\d.]+ s \(\d+ rows\/s\), validation MAP@7 0\.\d{4}/);
    expect(r.stdout).toMatch(/two-tower +\d+ rows × 2 epochs/);
    expect(r.stdout).toMatch(/blend +.*\((max|rank)\); validation MAP@7 0\.\d{4}/);
    expect(r.stdout).toMatch(/wall time \d/);
    expect(r.code).toBe(0);
  }, 160_000);

  it('records the version in the store, with the artifact on disk that loads', async () => {
    db = createDb(env().DATABASE_URL);
    const rows = await db.modelVersion.findMany();
    expect(rows).toHaveLength(1);
    const v = rows[0];
    expect(v).toMatchObject({ kind: 'ranking', active: true, dataCustomers: 3000, artifactPath: path.join(dir, 'models', v.id) });
    expect(v.dataExamples).toBeGreaterThan(1000);
    expect(JSON.parse(v.params)).toMatchObject({ neural: { seed: 5, maxEpochs: 2, hidden: [16] }, 'two-tower': { seed: 5, maxEpochs: 2, hidden: [16] } });
    expect(JSON.parse(v.metrics).validationMap7).toBeGreaterThan(0.3);
    expect(existsSync(path.join(v.artifactPath, 'model.json'))).toBe(true);
    const bundle = loadModelBundle(v.artifactPath);
    expect([...bundle.models.keys()]).toEqual(['neural', 'two-tower']);
    expect([...bundle.models.values()].every((m) => m.fitted)).toBe(true);
    expect(bundle.blend).toEqual(JSON.parse(v.metrics).blend);
  });

  it('--no-activate records a second version and leaves the first active; usage errors exit 2', async () => {
    const r = train('--seed', '6', '--max-epochs', '1', '--hidden', '8', '--no-activate');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/not activated/);
    const rows = await db.modelVersion.findMany({ orderBy: { createdAt: 'asc' } });
    expect(rows.map((x) => x.active)).toEqual([true, false]);
    const bad = train('--max-epochs', 'zero');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-epochs must be an integer/);
  }, 160_000);

  it('recommend-batch scores with the active version', () => {
    const lines = gunzipSync(readFileSync(SAMPLE_FILE)).toString('utf8').split('\n');
    const input = path.join(dir, 'some.csv');
    writeFileSync(input, `${lines.slice(0, 51).join('\n')}\n`);
    const r = runCli(BATCH, ['--input', input, '--out', path.join(dir, 'out.csv')], { cwd: dir, env: env(), timeoutMs: 150_000 });
    expect(r.stderr).toMatch(/scoring with the active model version v/);
    expect(r.stdout).toMatch(/wrote 50 customers .*\(model version v\d{14}-[0-9a-f]{6}\)/);
    expect(r.code).toBe(0);
  }, 160_000);
});
