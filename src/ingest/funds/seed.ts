// First-start seeding of funds: when the store holds no imported fund yet, the bundled slice
// (data/funds) is imported, so that search and need-based recommendation have instruments to offer
// on a fresh clone. A store with any imported fund (bundled or from a full import) is left alone.
import type { Logger } from '../../log';
import type { Db } from '../../store/db';
import { BUNDLED_FUNDS_DIR } from './catalog';
import { importFundCatalog } from './import';
import { FUND_SOURCES } from './record';

/** Imports the fund slice of `dir` (default: the bundled one) if there are no imported funds; true if it did. */
export async function ensureFundsSeeded(db: Db, log: Pick<Logger, 'info'>, dir = BUNDLED_FUNDS_DIR): Promise<boolean> {
  if (await db.product.findFirst({ where: { source: { in: [...FUND_SOURCES] } }, select: { id: true } })) return false;
  const started = Date.now();
  const s = await importFundCatalog(db, dir);
  log.info({ created: s.created, bySource: s.bySource, ms: Date.now() - started }, 'seed: imported the bundled fund catalog slice');
  return true;
}
