// Benchmark of the neural ranker alone on the 70/30 customer split (bench/holdout.ts): per-epoch
// progress, fit time and rows/s, holdout MAP@7 and per-customer scoring time.
//   npm run build && node dist/bench/neural.js [FILE] [--hidden 256,128] [--lr 0.002] [--dropout 0.3]
//     [--batch 256] [--l2 1e-5] [--epochs 40] [--augment 0] [--members 1] [--folds 1]
import { DEFAULT_NEURAL as d, NeuralRecommender } from '../src/recommend/recommenders/neural';
import { benchArgs, holdoutBench, runBench } from './holdout';

runBench(async () => {
  const a = benchArgs();
  await holdoutBench(a.file, new NeuralRecommender({
    ...d, hidden: a.list('hidden', d.hidden), learningRate: a.flag('lr', d.learningRate), dropout: a.flag('dropout', d.dropout),
    batchSize: a.flag('batch', d.batchSize), l2: a.flag('l2', d.l2), maxEpochs: a.flag('epochs', d.maxEpochs),
    augmentSteps: a.flag('augment', d.augmentSteps), members: a.flag('members', d.members), folds: a.flag('folds', 1),
  }));
});
