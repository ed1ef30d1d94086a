// Chooses the TensorFlow.js backend once, at start-up: the native tfjs-node where it installed
// (an optionalDependency: it downloads libtensorflow, which fails offline), otherwise the pure-JS
// WebAssembly backend (~10× faster than cpu here), otherwise the plain cpu backend.
// FINREC_TF_BACKEND=node|wasm|cpu forces one (tests use it to exercise each fallback).
import type * as tfType from '@tensorflow/tfjs';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export interface TfRuntime { tf: typeof tfType; backend: BackendName; tried: { backend: string; error: string }[] }

let runtime: Promise<TfRuntime> | undefined;

async function tryNode(): Promise<typeof tfType> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('@tensorflow/tfjs-node') as typeof tfType;
}

export async function chooseBackend(preferred?: string): Promise<TfRuntime> {
  const order = preferred ? [preferred] : ['node', 'wasm', 'cpu'];
  const tried: TfRuntime['tried'] = [];
  for (const name of order) {
    try {
      if (name === 'node') {
        const tf = await tryNode();
        await tf.setBackend('tensorflow');
        await tf.ready();
        return { tf, backend: 'tensorflow', tried };
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tf = require('@tensorflow/tfjs') as typeof tfType;
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      if (name === 'wasm') require('@tensorflow/tfjs-backend-wasm');
      else require('@tensorflow/tfjs-backend-cpu'); // eslint-disable-line @typescript-eslint/no-require-imports
      if (!(await tf.setBackend(name))) throw new Error(`backend ${name} failed to initialise`);
      await tf.ready();
      return { tf, backend: name as BackendName, tried };
    } catch (e) {
      tried.push({ backend: name, error: (e as Error).message.split('\n')[0] });
    }
  }
  throw new Error(`no TensorFlow.js backend could start: ${tried.map((t) => `${t.backend}: ${t.error}`).join('; ')}`);
}

/** The process-wide TensorFlow.js runtime (chosen once). */
export function tfRuntime(preferred = process.env.FINREC_TF_BACKEND): Promise<TfRuntime> {
  runtime ??= chooseBackend(preferred);
  return runtime;
}
