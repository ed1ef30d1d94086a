// A cheap per-customer version stamp, read on every recommendation request so that a cached ranking
// is served only while the customer is as it was when the ranking was computed — whoever changed
// them: this process, another API server on the same database, a CLI import, an erasure.
//
// The stamp is made of what the recommenders read of a customer:
//  - the profile columns (toProfile, plus riskProfiledAt and updatedAt): compared by value, so a
//    writer that does not touch updatedAt (raw SQL, another tool) is seen too;
//  - the number of their interactions and the newest interaction id: the count catches a row whose
//    id was allocated before a newer one but committed after it (PostgreSQL sequences), the id a
//    delete followed by an insert.
// An erased customer (erasedAt set: a pseudonym) or a deleted one has no stamp.
//
// ONE statement for all the customers of a request; the interaction figures come from the
// (customerId, occurredAt) index — on SQLite a covering scan of the customer's entries (the
// rowid is the id), no table access.
import { Prisma } from './generated/sqlite/client';
import type { Db } from './db';

type Row = Record<string, unknown> & { id: string };

/** Stamp values as stable text whatever the driver returns (Date, bigint, number, string). */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return String(v.getTime());
  return String(v);
}

const COLUMNS = ['updatedAt', 'riskProfiledAt', 'riskTolerance', 'investmentHorizonMonths', 'liquidityNeed',
  'age', 'income', 'segment', 'seniorityMonths', 'active', 'region', 'n', 'last'] as const;

/** Customer id → stamp, for the customers among `ids` that exist and are not erased. */
export async function customerStamps(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.$queryRaw<Row[]>`
    SELECT c."id", c."updatedAt", c."riskProfiledAt", c."riskTolerance", c."investmentHorizonMonths", c."liquidityNeed",
           c."age", c."income", c."segment", c."seniorityMonths", c."active", c."region",
           (SELECT COUNT(*) FROM "Interaction" i WHERE i."customerId" = c."id") AS "n",
           (SELECT MAX(i."id") FROM "Interaction" i WHERE i."customerId" = c."id") AS "last"
    FROM "Customer" c
    WHERE c."erasedAt" IS NULL AND c."id" IN (${Prisma.join(unique)})`;
  return new Map(rows.map((r) => [r.id, COLUMNS.map((k) => text(r[k])).join('|')]));
}
