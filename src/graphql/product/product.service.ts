// Read side of the catalog for the API: keyset pages ordered by code, and batched look-ups
// for the per-request product loader.
import type { Db } from '../../store/db';
import { toProductInfo } from '../../store/snapshot';
import type { ProductCategory, ProductInfo } from '../../recommend/types';
import { pageOf, toConnection, type ConnectionShape, type PageArgs } from '../common/connection';

const CURSOR = 'product';

export class ProductService {
  constructor(private readonly db: Db) {}

  async list(args: PageArgs & { category?: ProductCategory | null }): Promise<ConnectionShape<ProductInfo>> {
    const { first, afterKey: afterCode } = pageOf(args, CURSOR);
    const rows = await this.db.product.findMany({
      where: { ...(args.category ? { category: args.category } : {}), ...(afterCode ? { code: { gt: afterCode } } : {}) },
      orderBy: { code: 'asc' },
      take: first + 1,
    });
    return toConnection(rows, first, CURSOR, (r) => r.code, toProductInfo);
  }

  /** One query for any number of ids; result aligned with `ids` (null where unknown). */
  async byIds(ids: readonly string[]): Promise<(ProductInfo | null)[]> {
    const rows = await this.db.product.findMany({ where: { id: { in: [...ids] } } });
    const byId = new Map(rows.map((r) => [r.id, toProductInfo(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async byId(id: string): Promise<ProductInfo | null> {
    const row = await this.db.product.findUnique({ where: { id } });
    return row ? toProductInfo(row) : null;
  }
}
