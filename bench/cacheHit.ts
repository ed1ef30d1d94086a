// Latency of a cached `recommendations` request in-process (ScoringService, no HTTP): what every
// request pays on a cache hit — since the cross-process check, one per-customer version-stamp read
// (src/store/customerStamps.ts) — on the bundled sample, in a temporary copy.
// Also times the stamp query alone (one customer, and 100 at once, as an aliased GraphQL query
// asks) and prints SQLite's plan for it.
//   npm run build && node dist/bench/cacheHit.js [--requests 2000] [--customers 50]
import { loadConfig } from '../src/config';
import { silentLogger } from '../src/log';
import { fitEngine } from '../src/recommend/pipeline';
import { ScoringService } from '../src/recommend/service';
import { customerStamps } from '../src/store/customerStamps';
import type { Db } from '../src/store/db';
import { customerIds, sampleDb } from './lib/sampleDb';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function timeIt(label: string, n: number, work: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  for (let i = 0; i < n; i++) await work();
  process.stdout.write(`${label}: ${((performance.now() - started) / n).toFixed(3)} ms per query (${n} queries)\n`);
}

async function stampCost(db: Db, n: number): Promise<void> {
  const one = await customerStamps(db, (await customerIds(db, 1, 1_000)));
  if (one.size !== 1) throw new Error('no stamp for a sample customer');
  const hundred = await customerIds(db, 100, 500);
  const counts = await db.interaction.groupBy({ by: ['customerId'], where: { customerId: { in: hundred } }, _count: { _all: true } });
  process.stdout.write(`interactions per customer in the sample: mean ${(counts.reduce((s, c) => s + c._count._all, 0) / counts.length).toFixed(1)}\n`);
  await timeIt('stamp of 1 customer', n, () => customerStamps(db, [hundred[n % 100]]));
  await timeIt('stamps of 100 customers', Math.ceil(n / 10), () => customerStamps(db, hundred));
  const plan = await db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN
    SELECT c."id", (SELECT COUNT(*) FROM "Interaction" i WHERE i."customerId" = c."id") AS "n",
           (SELECT MAX(i."id") FROM "Interaction" i WHERE i."customerId" = c."id") AS "last"
    FROM "Customer" c WHERE c."erasedAt" IS NULL AND c."id" IN ('a', 'b')`);
  process.stdout.write(`plan:\n${plan.map((p) => `  ${p.detail}`).join('\n')}\n`);
}

async function main(): Promise<void> {
  const requests = flag('requests', 2_000);
  const sample = await sampleDb('cachehit');
  // The learned models are irrelevant to a cache hit: the quick blend keeps the fit short.
  const settings = loadConfig({ NODE_ENV: 'test', WEIGHT_NEURAL: '0', REFIT_INTERVAL_SECONDS: '0', CACHE_TTL_SECONDS: '900' });
  const service = await ScoringService.start({ db: sample.db, config: settings, log: silentLogger, fit: (d, p) => fitEngine(d, settings, p) });
  try {
    const ids = await customerIds(sample.db, flag('customers', 50));
    for (const id of ids) await service.recommendations(id, { first: 7 }); // warm: every entry and its logged list
    const ms: number[] = [];
    const started = performance.now();
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const served = await service.recommendations(ids[i % ids.length], { first: 7 });
      ms.push(performance.now() - t0);
      if (!served.cached) throw new Error('a warmed request was not a cache hit');
    }
    const total = performance.now() - started;
    ms.sort((a, b) => a - b);
    process.stdout.write(`${requests} cached requests over ${ids.length} customers: ${total.toFixed(0)} ms total, ` +
      `mean ${(total / requests).toFixed(3)} ms, p50 ${pct(ms, 0.5).toFixed(3)} ms, p95 ${pct(ms, 0.95).toFixed(3)} ms, p99 ${pct(ms, 0.99).toFixed(3)} ms\n`);
    await stampCost(sample.db, requests);
  } finally {
    await service.stop();
    await sample.close();
  }
}

main().catch((e: unknown) => { process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`); process.exit(1); });
