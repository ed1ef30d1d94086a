// Makes sure the store holds the 24 Santander products FinRec's catalog is built on.
// Missing products (by code) are created from SANTANDER_CATALOG; existing rows are left exactly as
// they are, since an operator may have edited a name, a risk level or a description.
import type { Db } from '../../store/db';
import { Prisma } from '../../store/generated/sqlite/client';
import { SANTANDER_CATALOG } from './santanderProducts';

export interface CatalogResult {
  /** Products created by this call. */
  created: number;
  /** Catalog products that were already there (untouched). */
  existing: number;
}

export async function ensureCatalog(db: Db): Promise<CatalogResult> {
  const codes = SANTANDER_CATALOG.map((p) => p.code);
  const present = new Set((await db.product.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((p) => p.code));
  const missing = SANTANDER_CATALOG.filter((p) => !present.has(p.code));
  for (const p of missing) {
    // If another process created the product in the meantime, its row is left alone. (Prisma's
    // upsert is a read then a create on PostgreSQL, so the create can still lose the race on the
    // unique code: that loss means the product exists, which is all this function wants.)
    try {
      await db.product.upsert({
        where: { code: p.code },
        update: {},
        create: {
          code: p.code, name: p.name, category: p.category, riskLevel: p.riskLevel,
          termMonths: p.termMonths ?? null, minAge: p.minAge ?? null, maxAge: p.maxAge ?? null,
          minAmount: p.minAmount ?? null, description: p.description,
        },
      });
    } catch (e) {
      if (!(e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002')) throw e;
    }
  }
  return { created: missing.length, existing: present.size };
}

/** Product ids by Santander code; throws if a catalog product is missing (call ensureCatalog first). */
export async function catalogIds(db: Db): Promise<Map<string, string>> {
  const codes = SANTANDER_CATALOG.map((p) => p.code);
  const rows = await db.product.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } });
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  const absent = codes.filter((c) => !ids.has(c));
  if (absent.length > 0) throw new Error(`catalog incomplete: no product with code ${absent.join(', ')}`);
  return ids;
}
