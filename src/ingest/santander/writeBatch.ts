// Writes one batch of Santander records in ONE transaction, idempotently:
//  - customers: created when new, updated only when a file field changed; the financial profile
//    (risk tolerance, horizon, liquidity need) is never in the data written, so it survives;
//  - interactions: the events the record stands for (toHistory.ts recordEvents: a HOLD per product
//    held at each monthly lag, a CANCEL when a product stops being held, a PURCHASE for the added
//    product), keyed by the unique index (customer, product, kind, occurredAt, source). The store
//    and batch scoring therefore see exactly the same history of a customer.
// Rows are inserted with one parameterised multi-row `INSERT … ON CONFLICT DO NOTHING` per chunk
// (insertNew below), which SQLite and PostgreSQL both accept: Prisma's createMany has no
// skipDuplicates on SQLite, and costs its query compiler ~0.5 ms per row (15-20x slower). The store
// itself skips keys already there (no read-back, no race with a concurrent import) and the
// affected-row count is what was created. Prisma.sql writes each provider's placeholders and binds
// Date/boolean values the way Prisma's own writes do, so Prisma queries on these rows match; column
// names are typed against the generated client, so a schema rename fails the type check.
import type { Db } from '../../store/db';
import { Prisma } from '../../store/generated/sqlite/client';
import type { EventKind } from '../../recommend/types';
import type { SantanderRecord } from './format';
import { recordEvents } from './toHistory';

export const IMPORT_SOURCE = 'import:santander';

/**
 * Bound values per INSERT (SQLite allows 32,766, PostgreSQL 65,535). Measured on the full shared file:
 * 30,000 → peak RSS 690 MB, 6,000 → 520 MB for ~6 % more CPU (each statement is compiled anew).
 */
const MAX_VALUES_PER_INSERT = 6_000;
/** A batch transaction may take long on a slow disk; it should never be cut by Prisma's 5 s default. */
const TX_OPTIONS = { maxWait: 60_000, timeout: 10 * 60_000 };

export interface BatchCounts { customersCreated: number; customersUpdated: number; interactionsCreated: number }

export type Tx = Prisma.TransactionClient;
type CustomerFields = Pick<Prisma.CustomerCreateManyInput,
  'age' | 'income' | 'segment' | 'seniorityMonths' | 'active' | 'region' | 'joinedAt' | 'sex' | 'residenceCountry' | 'foreignBorn'>;
const FIELDS = ['age', 'income', 'segment', 'seniorityMonths', 'active', 'region', 'joinedAt', 'sex', 'residenceCountry', 'foreignBorn'] as const satisfies readonly (keyof CustomerFields)[];

interface InteractionRow { customerId: string; productId: string; kind: EventKind; occurredAt: Date; source: string }

function customerFields(r: SantanderRecord): CustomerFields {
  return { ...r.profile, ...r.protected };
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  return (a ?? null) === (b ?? null);
}

function changedFields(stored: Record<string, unknown>, next: CustomerFields): Partial<CustomerFields> | null {
  const diff: Record<string, unknown> = {};
  for (const f of FIELDS) if (!same(stored[f], next[f])) diff[f] = next[f];
  return Object.keys(diff).length > 0 ? (diff as Partial<CustomerFields>) : null;
}

const keyOf = (i: { customerId: string; productId: string; kind: string; occurredAt: Date }): string =>
  `${i.customerId}\u0000${i.productId}\u0000${i.kind}\u0000${i.occurredAt.getTime()}`;

/** Every interaction a batch implies, deduplicated (one customer may have several rows). */
function interactionsOf(records: readonly SantanderRecord[], productIds: ReadonlyMap<string, string>): Map<string, InteractionRow> {
  const idOf = (code: string): string => {
    const productId = productIds.get(code);
    if (!productId) throw new Error(`no product with code ${code} in the catalog`);
    return productId;
  };
  const out = new Map<string, InteractionRow>();
  for (const r of records) {
    for (const e of recordEvents(r, idOf, r.added ? [idOf(r.added)] : [])) {
      const row: InteractionRow = { customerId: r.customerId, productId: e.productId, kind: e.kind, occurredAt: e.at, source: IMPORT_SOURCE };
      out.set(keyOf(row), row);
    }
  }
  return out;
}

/**
 * INSERT … ON CONFLICT DO NOTHING of many rows, chunked; returns how many rows were inserted.
 * `columns` are the model's field names (= column names in both schemas).
 */
async function insertNew<T extends Record<string, unknown>>(tx: Tx, table: Prisma.ModelName, columns: readonly (keyof T & string)[], rows: readonly T[]): Promise<number> {
  const chunk = Math.max(1, Math.floor(MAX_VALUES_PER_INSERT / columns.length));
  const head = Prisma.raw(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES `);
  let inserted = 0;
  for (let i = 0; i < rows.length; i += chunk) {
    const values = rows.slice(i, i + chunk).map((r) => Prisma.sql`(${Prisma.join(columns.map((c) => r[c] ?? null))})`);
    inserted += await tx.$executeRaw`${head}${Prisma.join(values)} ON CONFLICT DO NOTHING`;
  }
  return inserted;
}

type CustomerRow = CustomerFields & { id: string; createdAt: Date; updatedAt: Date };
const CUSTOMER_COLUMNS = ['id', ...FIELDS, 'createdAt', 'updatedAt'] as const satisfies readonly (keyof Prisma.CustomerCreateManyInput)[];
const INTERACTION_COLUMNS = ['customerId', 'productId', 'kind', 'occurredAt', 'source', 'createdAt'] as const satisfies readonly (keyof Prisma.InteractionCreateManyInput)[];

async function writeCustomers(tx: Tx, records: readonly SantanderRecord[], now: Date): Promise<{ created: number; updated: number }> {
  // The last row of a customer wins (all rows of one customer carry the same attributes).
  const wanted = new Map<string, CustomerFields>();
  for (const r of records) wanted.set(r.customerId, customerFields(r));
  const stored = await tx.customer.findMany({
    where: { id: { in: [...wanted.keys()] } },
    select: { id: true, ...Object.fromEntries(FIELDS.map((f) => [f, true])) },
  }) as unknown as (Record<string, unknown> & { id: string })[];

  const storedIds = new Set(stored.map((s) => s.id));
  const fresh: CustomerRow[] = [...wanted].filter(([id]) => !storedIds.has(id))
    .map(([id, fields]) => ({ id, ...fields, createdAt: now, updatedAt: now }));
  const created = await insertNew(tx, 'Customer', CUSTOMER_COLUMNS, fresh);
  let updated = 0;
  for (const s of stored) {
    const diff = changedFields(s, wanted.get(s.id)!);
    if (!diff) continue;
    await tx.customer.update({ where: { id: s.id }, data: diff });
    updated += 1;
  }
  return { created, updated };
}

/**
 * Write one batch: in a transaction of its own, or — with `tx` — as part of the caller's
 * transaction (an import that must be all or nothing, see ImportOptions.atomic).
 */
export async function writeBatch(db: Db, records: readonly SantanderRecord[], productIds: ReadonlyMap<string, string>, tx?: Tx): Promise<BatchCounts> {
  if (records.length === 0) return { customersCreated: 0, customersUpdated: 0, interactionsCreated: 0 };
  const interactions = interactionsOf(records, productIds);
  const now = new Date();
  const interactionRows = [...interactions.values()].map((r) => ({ ...r, createdAt: now }));
  const write = async (t: Tx): Promise<BatchCounts> => {
    const customers = await writeCustomers(t, records, now);
    const interactionsCreated = await insertNew(t, 'Interaction', INTERACTION_COLUMNS, interactionRows);
    return { customersCreated: customers.created, customersUpdated: customers.updated, interactionsCreated };
  };
  return tx ? write(tx) : db.$transaction(write, TX_OPTIONS);
}

/** Run `work` in one transaction long enough for a whole import. */
export function inOneTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(work, TX_OPTIONS);
}
