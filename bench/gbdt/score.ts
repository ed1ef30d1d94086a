// Score the XGBoost reference's test probabilities through the FinRec pipeline, exactly like
// bench/neural.ts computes "test MAP@7": a one-recommender engine (normalisation 'max'), suitability
// gate included, averagePrecision(…, 7) over the evaluation cases of the same 30 % holdout.
//   node dist/bench/gbdt/score.js --dir DIR [--file FILE]
// Reads DIR/meta.json (from export.ts) and DIR/test_probs.f32 (nTest × P float32, from reference.py).
import fs from 'node:fs';
import path from 'node:path';
import { popularityNotHeld } from '../../src/eval/evaluate';
import { evaluationCases } from '../../src/eval/cases';
import { createEngine } from '../../src/recommend/pipeline';
import type { CustomerState, ProductInfo, Recommender, Signal, TrainingData } from '../../src/recommend/types';
import { holdoutMap, loadHoldout } from '../holdout';
import { caseKey, parseArgs } from './common';

interface Meta { width: number; products: string[]; nTest: number; keys: string[] }

/** Bench-only: serves precomputed per-case probabilities; scores only the candidates it is given. */
class PrecomputedRecommender implements Recommender {
  readonly name = 'xgboost-reference';
  readonly reasonCode = 'LEARNED_FROM_SIMILAR_PATHS';
  readonly config: Readonly<Record<string, unknown>>;
  private readonly row = new Map<string, number>();
  private readonly index: Map<string, number>;

  constructor(private readonly meta: Meta, private readonly probs: Float32Array, source: string) {
    meta.keys.forEach((k, r) => this.row.set(k, r));
    this.index = new Map(meta.products.map((p, i) => [p, i]));
    this.config = { source };
  }

  fit(_data: TrainingData): void { /* fitted in Python */ }

  score(customer: CustomerState, candidates: readonly ProductInfo[]): Map<string, Signal> {
    const out = new Map<string, Signal>();
    const r = this.row.get(caseKey(customer));
    if (r === undefined) return out;
    const P = this.meta.products.length;
    for (const c of candidates) {
      const i = this.index.get(c.id);
      if (i !== undefined) out.set(c.id, { score: this.probs[r * P + i] });
    }
    return out;
  }
}

async function main(): Promise<void> {
  const { file, dir } = parseArgs(process.argv.slice(2));
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Meta;
  const buf = fs.readFileSync(path.join(dir, 'test_probs.f32'));
  const probs = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  if (probs.length !== meta.nTest * meta.products.length) throw new Error(`test_probs.f32 has ${probs.length} values, expected ${meta.nTest} × ${meta.products.length}`);

  const { train, products, cases } = await loadHoldout(file);
  if (cases.length !== meta.nTest || cases.some((c, r) => caseKey(c.state) !== meta.keys[r])) throw new Error('test cases differ from the exported ones (different file?)');

  const engine = createEngine([{ recommender: new PrecomputedRecommender(meta, probs, dir), weight: 1 }], { normalisation: 'max' });
  const map = holdoutMap((c) => engine.recommend(c.state, products, { first: 7 }).items.map((i) => i.product.id), cases);
  const popMap = holdoutMap(popularityNotHeld(evaluationCases(train), 7), cases);
  process.stdout.write(`popularity-not-held MAP@7 ${popMap.toFixed(4)} (calibration, ungated as in npm run evaluate)\n`);
  process.stdout.write(`xgboost reference test MAP@7 ${map.toFixed(4)} over ${cases.length} customers (pipeline incl. gate, normalisation max)\n`);
}

main().catch((e: unknown) => { process.stderr.write(`${(e as Error).stack}\n`); process.exitCode = 1; });
