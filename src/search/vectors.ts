// Embedding vectors as the store keeps them and as search uses them: Float32 little-endian bytes
// (ProductEmbedding.vector), checked (dimension, finite, non-zero) and L2-normalised, so a dot
// product is the cosine.
import { endianness } from 'node:os';

const LITTLE_ENDIAN = endianness() === 'LE';

/** Float32 little-endian bytes of `v` (a copy). */
export function encodeVector(v: Float32Array): Uint8Array<ArrayBuffer> {
  if (LITTLE_ENDIAN) return new Uint8Array(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)) as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(v.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < v.length; i++) view.setFloat32(i * 4, v[i]!, true);
  return out;
}

/** The vector of Float32 little-endian bytes (copied: the bytes may be unaligned). */
export function decodeVector(bytes: Uint8Array): Float32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`embedding of ${bytes.byteLength} bytes is not a Float32 vector`);
  if (LITTLE_ENDIAN) return new Float32Array(bytes.slice().buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Why `v` is not a usable embedding of `dimension` values, or null. */
export function vectorProblem(v: unknown, dimension: number): string | null {
  if (!(v instanceof Float32Array)) return 'not a Float32Array';
  if (v.length !== dimension) return `${v.length} dimensions, expected ${dimension}`;
  let sq = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!Number.isFinite(x)) return `value ${x} at index ${i}`;
    sq += x * x;
  }
  return sq > 0 ? null : 'all zeros';
}

/** `v` scaled to unit length (a new array; `v` is returned as is when already unit length). */
export function normalise(v: Float32Array): Float32Array {
  let sq = 0;
  for (let i = 0; i < v.length; i++) sq += v[i]! * v[i]!;
  const norm = Math.sqrt(sq);
  if (norm === 0 || Math.abs(norm - 1) < 1e-6) return v;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}
