// `npm run train`'s own run (both learned models, blend, saved version) with models small enough
// for tests: a few seconds on the small bank.
import type { Db } from '../../src/store/db';
import { trainAndRecord, type TrainOutcome } from '../../src/train/trainModel';

export interface TinyTraining { seed: number; activate: boolean; hidden?: number; epochs?: number; minSteps?: number }

export function trainTiny(db: Db, modelsDir: string, o: TinyTraining): Promise<TrainOutcome> {
  const size = { hidden: [o.hidden ?? 16], maxEpochs: o.epochs ?? 2, minSteps: o.minSteps ?? 10 };
  return trainAndRecord({
    db, config: { MODELS_DIR: modelsDir, MODEL_USE_AGE: true }, seed: o.seed, activate: o.activate,
    neural: size, twoTower: { ...size, dim: 4 },
  });
}
