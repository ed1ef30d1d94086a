// ModelVersion rows: every model `npm run train` saved, with what it was trained on and how it
// scored; at most one per kind is active, and the server scores with it. Activation (and rollback
// to an older version) is one transaction: deactivate all of the kind, activate the one.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { NotFoundError } from '../recommend/errors';
import { providerOfDb, type Db } from '../store/db';

/** The kind of every version \`npm run train\` records: the learned models plus the learned blend. */
export const RANKING_KIND = 'ranking';

export interface ModelVersionInfo {
  id: string; kind: string; params: string; dataCustomers: number; dataExamples: number; metrics: string;
  backend: string; artifactPath: string; active: boolean; createdAt: Date;
}

/** A sortable, unique version id: v<UTC yyyymmddhhmmss>-<6 hex>. */
export function newVersionId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `v${stamp}-${randomBytes(3).toString('hex')}`;
}

/** Where a version's artifact lives: absolute as stored, or relative to the models directory. */
export function artifactDir(v: Pick<ModelVersionInfo, 'artifactPath'>, modelsDir: string): string {
  return path.isAbsolute(v.artifactPath) ? v.artifactPath : path.resolve(modelsDir, v.artifactPath);
}

export async function listModelVersions(db: Db, kind?: string): Promise<ModelVersionInfo[]> {
  return db.modelVersion.findMany({ where: kind ? { kind } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

export async function findModelVersion(db: Db, id: string): Promise<ModelVersionInfo | null> {
  return db.modelVersion.findUnique({ where: { id } });
}

export async function activeModelVersion(db: Db, kind = RANKING_KIND): Promise<ModelVersionInfo | null> {
  return db.modelVersion.findFirst({ where: { kind, active: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] });
}

/** Only the id of the active version of `kind` (the cheap, indexed check a running server polls). */
export async function activeModelVersionId(db: Db, kind = RANKING_KIND): Promise<string | null> {
  const row = await db.modelVersion.findFirst({ where: { kind, active: true }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], select: { id: true } });
  return row?.id ?? null;
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Run `fn` in a transaction that holds the model-version lock, so that two activations (or an
 * activation and `npm run train` recording one) never interleave and leave two versions active.
 * SQLite writers are serialised already (BEGIN IMMEDIATE); PostgreSQL takes a transaction-scoped
 * advisory lock (READ COMMITTED alone lets each transaction miss the other's newly active row).
 */
async function withVersionLock<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    if (providerOfDb(db) === 'postgresql') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${VERSION_LOCK})`);
    return fn(tx);
  }, { maxWait: 10_000, timeout: 30_000 });
}

/** Arbitrary, fixed key of the PostgreSQL advisory lock that guards activation. */
const VERSION_LOCK = 0x46_52_4d_56; // "FRMV"

export async function recordModelVersion(db: Db, row: Omit<ModelVersionInfo, 'active' | 'createdAt'>, activate: boolean): Promise<ModelVersionInfo> {
  if (!activate) return db.modelVersion.create({ data: { ...row, active: false } });
  return withVersionLock(db, async (tx) => {
    await tx.modelVersion.updateMany({ where: { kind: row.kind, active: true }, data: { active: false } });
    return tx.modelVersion.create({ data: { ...row, active: true } });
  });
}

/** Make `id` the active version of its kind; NotFoundError (field "id") when there is no such version. */
export async function activateModelVersion(db: Db, id: string): Promise<ModelVersionInfo> {
  return withVersionLock(db, async (tx) => {
    const found = await tx.modelVersion.findUnique({ where: { id } });
    if (!found) throw new NotFoundError('id', 'ModelVersion', id);
    await tx.modelVersion.updateMany({ where: { kind: found.kind, active: true, NOT: { id } }, data: { active: false } });
    return tx.modelVersion.update({ where: { id }, data: { active: true } });
  });
}
