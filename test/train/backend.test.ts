import { describe, expect, it } from 'vitest';
import { tfRuntime } from '../../src/train/backend';

describe('TensorFlow.js backend selection', () => {
  it('falls back from tfjs-node to a pure backend when the native one is absent, and computes on it', async () => {
    let nativeInstalled = true;
    try { require.resolve('@tensorflow/tfjs-node'); } catch { nativeInstalled = false; }
    const rt = await tfRuntime();
    if (nativeInstalled) {
      expect(rt.backend).toBe('tensorflow');
    } else {
      expect(rt.tried.map((t) => t.backend)).toEqual(['node']);
      expect(rt.backend).toBe('wasm');
    }
    expect(rt.tf.getBackend()).toBe(rt.backend);
    const product = rt.tf.matMul(rt.tf.tensor2d([[1, 2], [3, 4]]), rt.tf.tensor2d([[5], [6]]));
    expect(Array.from(await product.data())).toEqual([17, 39]);
  });
});

describe('forcing a backend (FINREC_TF_BACKEND)', () => {
  it('runs the plain cpu backend when asked', async () => {
    const { chooseBackend } = await import('../../src/train/backend');
    const rt = await chooseBackend('cpu');
    expect(rt.backend).toBe('cpu');
    expect(Array.from(await rt.tf.add(rt.tf.tensor1d([1, 2]), rt.tf.tensor1d([3, 4])).data())).toEqual([4, 6]);
  });
  it('fails with every reason when no requested backend can start', async () => {
    const { chooseBackend } = await import('../../src/train/backend');
    await expect(chooseBackend('no-such-backend')).rejects.toThrow(/no TensorFlow.js backend could start: no-such-backend/);
  });
});
