#!/usr/bin/env node
// Makes the bundled sample data/santander_sample.csv.gz from the shared Santander additions file:
// a seeded random choice of customers, with ALL their rows, copied byte for byte (same header,
// same line order as the source). Reproducible: the same source, seed and count give the same file.
//
//   node scripts/make-sample.mjs [SOURCE.csv.gz] [--customers 3000] [--seed 20160528] [--out data/santander_sample.csv.gz]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SOURCE = path.join(root, '..', 'shared', 'data', 'santander_may2016_additions', 'santander_additions_2016-05_train70.csv.gz');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    customers: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '20160528' },
    out: { type: 'string', default: path.join(root, 'data', 'santander_sample.csv.gz') },
  },
});
const source = positionals[0] ?? DEFAULT_SOURCE;
const wanted = Number(values.customers);
const seed = Number(values.seed);

/** mulberry32: a small, well-known seeded PRNG, so the choice does not depend on Node's Math.random. */
function mulberry32(a) {
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const text = gunzipSync(readFileSync(source)).toString('utf8');
// Keep every line exactly as it is (including a trailing \r if the source had CRLF).
const lines = text.split('\n');
if (lines.at(-1) === '') lines.pop();
const [header, ...rows] = lines;
if (!header.startsWith('ncodpers,')) throw new Error(`${source}: expected the Santander additions header (ncodpers first)`);

// ncodpers is the first field and never quoted in this file.
const idOf = (line) => line.slice(0, line.indexOf(','));
const ids = [...new Set(rows.map(idOf))].sort((a, b) => Number(a) - Number(b));
if (wanted > ids.length) throw new Error(`asked for ${wanted} customers, the file has ${ids.length}`);

// Partial Fisher–Yates over the sorted ids: the first `wanted` positions are the sample.
const rand = mulberry32(seed);
for (let i = 0; i < wanted; i++) {
  const j = i + Math.floor(rand() * (ids.length - i));
  [ids[i], ids[j]] = [ids[j], ids[i]];
}
const chosen = new Set(ids.slice(0, wanted));
const kept = rows.filter((line) => chosen.has(idOf(line)));

const out = `${[header, ...kept].join('\n')}\n`;
writeFileSync(values.out, gzipSync(Buffer.from(out, 'utf8'), { level: 9 }));
console.log(`${path.relative(root, values.out)}: ${kept.length} rows, ${chosen.size} customers (of ${rows.length} rows, ${ids.length} customers; seed ${seed})`);
