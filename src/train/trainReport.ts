// How a training run is told to people: the per-epoch progress line and the summary that the train
// command and bench/train.ts print (one place, so the two never disagree).
import type { EpochProgress } from './neuralRanker';
import type { TrainOutcome } from './trainModel';

const s = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function epochLine(p: EpochProgress, model: string): string {
  return `${model.padEnd(9)} epoch ${p.epoch}/${p.maxEpochs}  loss ${p.loss.toFixed(4)}`
    + `${p.validation === null ? '' : `  val MAP@7 ${p.validation.toFixed(4)} (best ${p.best!.toFixed(4)})`}  ${s(p.ms)}`;
}

/** Summary lines: one per learned model (rows, epochs, time, rows/s, validation MAP@7), then the blend. */
export function summaryLines(out: TrainOutcome): string[] {
  const lines = out.models.map((m) => `  ${m.name.padEnd(9)} ${m.rows} rows × ${m.epochs} epochs in ${s(m.ms)} (${Math.round(m.rowsPerSecond)} rows/s), `
    + `validation MAP@7 ${m.validationMap === null ? 'n/a' : m.validationMap.toFixed(4)}`);
  if (out.blend) {
    const weights = Object.entries(out.blend.weights).filter(([, w]) => w > 0).map(([n, w]) => `${n} ${w}`).join(', ');
    lines.push(`  blend     ${weights} (${out.blend.normalisation}); validation MAP@7 ${out.blend.validationMap.toFixed(4)}`);
  } else {
    lines.push('  blend     not learned (too few validation customers): the configured WEIGHT_* apply');
  }
  lines.push(`  training ${s(out.trainMs)}; wall time ${s(out.ms)}`);
  return lines;
}
