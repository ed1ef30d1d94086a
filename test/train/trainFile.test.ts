// `npm run train -- --file PATH`: trains on the customers of a Santander file (real lines of the
// bundled sample) without importing them — the training data is exactly what importing the file and
// reading the store would give — records the ModelVersion (sizes from the file) in DATABASE_URL, and
// fails clearly on a missing file, malformed rows (--strict) or a file without valid rows.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCatalog } from '../../src/ingest/catalog/ensureCatalog';
import { importSantander } from '../../src/ingest/santander/import';
import type { TrainingData } from '../../src/recommend/types';
import { createDb, type Db } from '../../src/store/db';
import { loadTrainingData } from '../../src/store/snapshot';
import { trainingDataFromFile, TrainingFileError } from '../../src/train/trainingSource';
import { buildIfStale, cliPath, runCli } from '../helpers/cli';
import { createTestDb, type TestDb } from '../helpers/db';
import { expectedCounts, sampleLines, withField } from '../ingest/santanderFixture';

const TRAIN = cliPath('train');
const LINES = 400;

/** Per customer: the examples as product codes (ids differ between databases). */
function byCustomer(d: TrainingData): Map<string, string[]> {
  const code = new Map(d.products.map((p) => [p.id, p.code]));
  const out = new Map<string, string[]>();
  for (const e of d.examples) {
    const key = e.state.profile.id;
    const one = `${[...e.added].map((p) => code.get(p)).sort().join(' ')} | held ${[...e.state.held].map((p) => code.get(p)).sort().join(' ')} | ${e.state.snapshots.length} snapshots`;
    out.set(key, [...(out.get(key) ?? []), one]);
  }
  return out;
}

describe('training on a file', () => {
  let dir: string;
  let db: Db | undefined;
  let file: string;
  let expected: ReturnType<typeof expectedCounts>;
  const env = () => ({ DATABASE_URL: `file:${path.join(dir, 'train.db')}`, SEED_SAMPLE: 'true', LOG_LEVEL: 'warn', MODELS_DIR: 'models' });
  const train = (...args: string[]) => runCli(TRAIN, args, { cwd: dir, env: env(), timeoutMs: 60_000 });
  const write = (name: string, lines: readonly string[], gz = false): string => {
    const p = path.join(dir, name);
    const text = `${[sampleLines().header, ...lines].join('\n')}\n`;
    writeFileSync(p, gz ? gzipSync(text) : text);
    return p;
  };

  beforeAll(() => {
    buildIfStale(TRAIN);
    dir = mkdtempSync(path.join(tmpdir(), 'finrec-train-file-'));
    const lines = sampleLines().lines.slice(0, LINES);
    file = write('part.csv.gz', lines, true);
    expected = expectedCounts(lines);
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the same training data as importing the file and loading the store', async () => {
    const fromFile: TestDb = await createTestDb();
    const imported: TestDb = await createTestDb();
    try {
      await ensureCatalog(fromFile.db);
      const read = await trainingDataFromFile(fromFile.db, file);
      expect(read).toMatchObject({ rows: LINES, errors: [] });
      expect(await fromFile.db.customer.count()).toBe(0); // nothing imported
      await importSantander(imported.db, file);
      const stored = await loadTrainingData(imported.db);
      expect(read.data.customers).toHaveLength(expected.customers);
      expect(stored.customers).toHaveLength(expected.customers);
      expect(read.data.examples.length).toBeGreaterThan(0);
      expect(byCustomer(read.data)).toEqual(byCustomer(stored));
      expect(read.data.products.map((p) => p.id).sort()).toEqual((await fromFile.db.product.findMany()).map((p) => p.id).sort());
    } finally {
      await fromFile.close();
      await imported.close();
    }
  }, 60_000);

  it('npm run train -- --file trains on the file, records the version, imports nothing (not even the sample)', async () => {
    const r = train('--file', file, '--seed', '3', '--max-epochs', '1', '--hidden', '8');
    db = createDb(env().DATABASE_URL);
    expect(r.stderr).toContain(`read ${file}: ${LINES} rows`);
    expect(r.stderr).toContain(`training on ${file}: ${expected.customers} customers`);
    expect(r.stdout).toMatch(/model version v\d{14}-[0-9a-f]{6} \(\w+, \w+\) — active/);
    expect(r.code).toBe(0);
    expect(await db.customer.count()).toBe(0);
    const [v] = await db.modelVersion.findMany();
    expect(v).toMatchObject({ active: true, dataCustomers: expected.customers, artifactPath: path.join(dir, 'models', v.id) });
    expect(v.dataExamples).toBeGreaterThan(0);
    expect(v.dataExamples).toBeLessThanOrEqual(expected.customers);
    expect(v.params).toMatch(/"seed":3\b/); // the hyper-parameters given on the command line
    expect(v.params).toMatch(/"hidden":\[8\]/);
  }, 60_000);

  it('reports malformed rows by line and skips them; --strict trains nothing', async () => {
    const lines = sampleLines().lines.slice(0, 60);
    const bad = write('bad.csv', [...lines.slice(0, 10), withField(lines[10], 'age', 'abc'), ...lines.slice(11)]);
    const strict = train('--file', bad, '--strict', '--max-epochs', '1', '--hidden', '8');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/error: 1 of 60 rows of .*bad\.csv are malformed \(strict: nothing trained\)/);
    expect(strict.stderr).toMatch(/line 12: age: "abc" is not a number/);
    const versions = await db!.modelVersion.count();
    const lenient = train('--file', bad, '--max-epochs', '1', '--hidden', '8', '--no-activate');
    expect(lenient.stderr).toMatch(/60 rows in [\d.]+ s, 1 malformed \(skipped\)/);
    expect(lenient.stderr).toMatch(/line 12: age: "abc" is not a number/);
    expect(lenient.code).toBe(0);
    expect(await db!.modelVersion.count()).toBe(versions + 1);
  }, 60_000);

  it('a missing file, a file without data rows or a usage error fail clearly', async () => {
    const missing = runCli(TRAIN, ['--file', path.join(dir, 'nope.csv.gz')], { cwd: dir, env: { ...env(), DATABASE_URL: `file:${path.join(dir, 'never.db')}` } });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`error: file not found: ${path.join(dir, 'nope.csv.gz')}`);
    expect(existsSync(path.join(dir, 'never.db'))).toBe(false);
    const empty = train('--file', write('empty.csv', []));
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/error: .*empty\.csv has no data rows/);
    expect(train('--strict').stderr).toMatch(/--strict applies to --file only/);
    await expect(trainingDataFromFile(db!, path.join(dir, 'empty.csv'))).rejects.toBeInstanceOf(TrainingFileError);
  }, 60_000);
});
