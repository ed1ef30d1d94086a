// Export the train/test matrices for the XGBoost reference (bench/gbdt/reference.py).
//   node dist/bench/gbdt/export.js --dir DIR [--file FILE]
// Same file and customer split as bench/neural.ts; features are the neural ranker's FeatureEncoder
// (useAge true), fitted on the training examples' states. Training rows use the Kaggle-winner layout:
// one row per (example, added product), the product's catalog index as the class.
// Writes, all little-endian, row-major:
//   meta.json        { width, products, nTrainRows, nTrainExamples, nTest, keys (test case keys, in order) }
//   train_x.f32      nTrainRows × width   float32
//   train_y.i32      nTrainRows           int32 class (product index)
//   test_x.f32       nTest × width        float32
//   test_held.u8     nTest × P            1 where the customer holds the product now
import fs from 'node:fs';
import path from 'node:path';
import { FeatureEncoder } from '../../src/train/featureMatrix';
import { loadHoldout } from '../holdout';
import { caseKey, parseArgs } from './common';

async function main(): Promise<void> {
  const { file, dir } = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const { customers, train, test, products, data, cases } = await loadHoldout(file);
  const productIds = products.map((p) => p.id);
  const examples = data.examples.filter((e) => e.added.size > 0);
  const encoder = new FeatureEncoder({ useAge: true }).fit(productIds, examples.map((e) => e.state));
  const W = encoder.width;
  const P = productIds.length;

  // Expand each example into one row per added product it knows.
  const rowOf: number[] = [];
  const label: number[] = [];
  examples.forEach((e, r) => {
    for (const p of e.added) {
      const i = encoder.indexOf(p);
      if (i !== undefined) { rowOf.push(r); label.push(i); }
    }
  });
  const exX = encoder.matrix(examples.map((e) => e.state));
  const trainX = new Float32Array(rowOf.length * W);
  rowOf.forEach((r, j) => trainX.set(exX.subarray(r * W, (r + 1) * W), j * W));

  const testStates = cases.map((c) => c.state);
  const testX = encoder.matrix(testStates);
  const held = new Uint8Array(testStates.length * P);
  testStates.forEach((s, r) => { for (const p of s.held) { const i = encoder.indexOf(p); if (i !== undefined) held[r * P + i] = 1; } });

  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, a: ArrayBufferView): void => fs.writeFileSync(path.join(dir, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  write('train_x.f32', trainX);
  write('train_y.i32', Int32Array.from(label));
  write('test_x.f32', testX);
  write('test_held.u8', held);
  fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify({
    file, width: W, products: productIds, nTrainRows: rowOf.length, nTrainExamples: examples.length, nTest: testStates.length,
    keys: testStates.map(caseKey),
  }));
  process.stdout.write(`export: ${customers.length} customers, ${train.length} train (${examples.length} examples → ${rowOf.length} rows) / ${test.length} test (${cases.length} cases); `
    + `width ${W}, ${P} products; ${((performance.now() - t0) / 1000).toFixed(1)} s → ${dir}\n`);
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });
