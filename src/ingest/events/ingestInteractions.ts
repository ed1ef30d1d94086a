// Batch ingest of behavioural events from partner integrations: up to MAX_BATCH events, all or
// nothing. Every event is checked before anything is written — its shape (by the caller, e.g.
// class-validator on the GraphQL input), the rules recordInteraction applies (writes.ts: kind,
// source, value, time), its customer and product, and its idempotency key — and one bad event
// rejects the batch with every problem listed by index. A good batch is written by one createMany
// in one transaction. Retries are safe: an event whose idempotency key (or, without a key, whose
// customer, product, kind, time and source) is already stored with the same content is counted as
// replayed, not written again. Keys are per customer (as in writes.ts): the same key for two
// customers is two events, so a key some customer used never blocks a partner's batch.
import { InvalidInputError } from '../../recommend/errors';
import { eventProblems, eventRow, KEY_REUSED, sameEvent, type InteractionInput } from '../../recommend/writes';
import type { Db } from '../../store/db';
import { Prisma } from '../../store/generated/sqlite/client';

export const MAX_BATCH = 1000;
/** Problems listed in the error; the total is always given. */
export const MAX_REPORTED = 100;

export interface EventProblem { index: number; field: string; message: string }
export interface IngestResult {
  received: number; created: number; replayed: number;
  /** Customers with at least one event written (whose recommendations must be recomputed). */
  customers: string[];
}

/** The batch was refused and nothing written: `problems` (the first MAX_REPORTED, by index) of `total`. */
export class BatchRejectedError extends InvalidInputError {
  constructor(readonly problems: EventProblem[], readonly total: number, received: number) {
    const events = new Set(problems.map((p) => p.index)).size;
    super('events', `${total} problem${total === 1 ? '' : 's'} in ${events === total ? '' : 'at least '}${events} of ${received} events; nothing was written`
      + ` (extensions.errors lists ${total > problems.length ? `the first ${problems.length}` : 'them'}: ${problems.slice(0, 3).map((p) => `${p.field}: ${p.message}`).join('; ')}${problems.length > 3 ? '; …' : ''})`);
  }
}

const eventField = (index: number, field: string) => `events[${index}].${field}`;
/** Customer, product, kind, time and source: what makes two events one (the store's unique index). */
const naturalKey = (r: { customerId: string; productId: string; kind: string; occurredAt: Date; source: string }) => JSON.stringify([r.customerId, r.productId, r.kind, r.occurredAt.getTime(), r.source]);
/** Customer and idempotency key: what an idempotency key identifies (the store's unique index). */
const customerKey = (r: { customerId: string; idempotencyKey: string | null }) => JSON.stringify([r.customerId, r.idempotencyKey]);

interface Checked { rows: ReturnType<typeof eventRow>[]; fresh: number[]; replayed: number; problems: EventProblem[] }

async function check(db: Db, events: readonly InteractionInput[], shapeProblems: readonly EventProblem[], now: Date): Promise<Checked> {
  const problems: EventProblem[] = [...shapeProblems];
  const reported = new Set(problems.map((p) => p.field));
  const bad = (index: number, field: string, message: string) => {
    // One problem per field of an event: the shape's message (e.g. a 300-character id) says enough.
    const f = eventField(index, field);
    if (!reported.has(f)) { reported.add(f); problems.push({ index, field: f, message }); }
  };
  const rows = events.map((e) => eventRow(e, now));
  events.forEach((e, i) => { for (const p of eventProblems(e, now)) bad(i, p.field, p.message); });

  const keyed = rows.filter((r) => r.idempotencyKey);
  const [customers, products, stored] = await Promise.all([
    db.customer.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.customerId))] }, erasedAt: null }, select: { id: true } }),
    db.product.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.productId))] } }, select: { id: true } }),
    // The batch's customers × keys (one indexed query); only the exact (customer, key) pairs count below.
    keyed.length === 0 ? [] : db.interaction.findMany({
      where: { customerId: { in: [...new Set(keyed.map((r) => r.customerId))] }, idempotencyKey: { in: [...new Set(keyed.map((r) => r.idempotencyKey!))] } },
    }),
  ]);
  const knownCustomers = new Set(customers.map((c) => c.id));
  const knownProducts = new Set(products.map((p) => p.id));
  const byKey = new Map(stored.map((s) => [customerKey(s), s]));
  const keyAt = new Map<string, number>();
  const eventAt = new Map<string, number>();
  const replays = new Set<number>();
  rows.forEach((r, i) => {
    if (!knownCustomers.has(r.customerId)) bad(i, 'userId', `User "${r.customerId.slice(0, 80)}" does not exist`);
    if (!knownProducts.has(r.productId)) bad(i, 'productId', `Product "${r.productId.slice(0, 80)}" does not exist`);
    if (r.idempotencyKey) {
      const earlier = keyAt.get(customerKey(r));
      if (earlier !== undefined) bad(i, 'idempotencyKey', `repeats the userId and idempotencyKey of events[${earlier}]`);
      else keyAt.set(customerKey(r), i);
      const s = byKey.get(customerKey(r));
      if (s && sameEvent(s, events[i])) replays.add(i);
      else if (s) bad(i, 'idempotencyKey', KEY_REUSED('event'));
    }
    const earlier = eventAt.get(naturalKey(r));
    if (earlier !== undefined && !replays.has(i)) {
      bad(i, 'occurredAt', `the same event as events[${earlier}] (same userId, productId, kind, occurredAt and source); give each its own occurredAt`);
    } else eventAt.set(naturalKey(r), i);
  });

  // Without a key (or with a new one), an event already stored is a retry too — or, with another
  // value, a conflicting claim about it (as recordInteraction says).
  const candidates = rows.map((r, i) => ({ r, i })).filter(({ i }) => !replays.has(i));
  if (candidates.length > 0) {
    const times = candidates.map(({ r }) => r.occurredAt.getTime());
    const existing = await db.interaction.findMany({
      where: {
        customerId: { in: [...new Set(candidates.map(({ r }) => r.customerId))] },
        kind: { in: [...new Set(candidates.map(({ r }) => r.kind))] },
        occurredAt: { gte: new Date(Math.min(...times)), lte: new Date(Math.max(...times)) },
      },
    });
    const byEvent = new Map(existing.map((s) => [naturalKey(s), s]));
    for (const { r, i } of candidates) {
      const s = byEvent.get(naturalKey(r));
      if (!s) continue;
      if ((s.value ?? null) !== r.value) bad(i, 'value', `this event (same user, product, kind, occurredAt and source) was already recorded with value ${s.value ?? 'null'}`);
      else replays.add(i);
    }
  }
  const fresh = rows.map((_, i) => i).filter((i) => !replays.has(i));
  return { rows, fresh, replayed: replays.size, problems };
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';
}

export async function ingestInteractions(
  db: Db, events: readonly InteractionInput[], options: { shapeProblems?: readonly EventProblem[]; now?: () => Date } = {},
): Promise<IngestResult> {
  if (events.length > MAX_BATCH) throw new InvalidInputError('events', `a batch holds at most ${MAX_BATCH} events (got ${events.length}); split it`);
  for (let attempt = 0; ; attempt++) {
    const { rows, fresh, replayed, problems } = await check(db, events, options.shapeProblems ?? [], options.now?.() ?? new Date());
    if (problems.length > 0) {
      problems.sort((a, b) => a.index - b.index);
      throw new BatchRejectedError(problems.slice(0, MAX_REPORTED), problems.length, events.length);
    }
    const data = fresh.map((i) => rows[i]);
    try {
      if (data.length > 0) await db.$transaction(async (tx) => { await tx.interaction.createMany({ data }); });
      return { received: events.length, created: data.length, replayed, customers: [...new Set(data.map((r) => r.customerId))] };
    } catch (e) {
      // Another writer stored one of these events (or keys) since the check: check again, and
      // those now count as replays (or conflicts). Nothing of this batch was written.
      if (!isUniqueViolation(e) || attempt >= 2) throw e;
    }
  }
}
