// Prisma's better-sqlite3 adapter, made safe for a server.
//
// The adapter runs every query of the process on ONE SQLite connection and serialises only the
// interactive transactions among themselves. Two consequences, both observed:
//  1. a query that is not part of a transaction, issued while one is open (another request's),
//     runs inside it: it sees uncommitted rows, and when that transaction rolls back the query's
//     writes are rolled back with it although they were acknowledged;
//  2. it opens transactions with a deferred BEGIN: a transaction that reads before it writes (the
//     import's batches) cannot take the write lock once another process has committed since its
//     first read, and fails at once with SQLITE_BUSY, whatever the busy timeout.
// This wrapper gives the connection to one unit of work at a time — a single query, or a whole
// transaction from BEGIN to COMMIT/ROLLBACK — and opens transactions with BEGIN IMMEDIATE, which
// takes the write lock first (waiting up to the busy timeout for another process) so a
// transaction never has to upgrade. SQLite executes one statement at a time anyway; what is lost
// is only the interleaving that caused the bugs above. Consequence for callers: inside a
// `db.$transaction(async (tx) => …)` callback use `tx` only — a query on `db` would wait for the
// transaction that is waiting for it (until Prisma's transaction timeout).
//
// Waiting for a lock held by another process. better-sqlite3 is synchronous: SQLite's own busy
// timeout sleeps on the event loop, so a file locked for 5 s froze the whole server for 5 s per
// query (no cached list could be served meanwhile). The driver's busy timeout is therefore short
// (DRIVER_BUSY_MS), and the wait goes on here, asynchronously, retrying SQLITE_BUSY/LOCKED with
// backoff until the budget (the configured busy timeout) is spent. When the budget runs out — or the
// file fails otherwise (I/O error, cannot open, read-only) — the store is marked unavailable for that
// kind of operation (reads, or writes only: another process's write lock still lets WAL readers
// read), and while it is, operations of that kind make ONE attempt and fail at once instead of each
// waiting the whole budget. The first success marks it available again: recovery needs no restart.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { isStoreUnavailable } from './errors';

type Adapter = Awaited<ReturnType<PrismaBetterSqlite3['connect']>>;
type Transaction = Awaited<ReturnType<Adapter['startTransaction']>>;
type Query = Parameters<Adapter['queryRaw']>[0];
type IsolationLevel = Parameters<Adapter['startTransaction']>[0];

/** A FIFO lock: `acquire` resolves with the function that releases it (idempotent). */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    const previous = this.tail;
    this.tail = previous.then(() => released);
    let done = false;
    return previous.then(() => () => { if (!done) { done = true; release(); } });
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try { return await work(); } finally { release(); }
  }
}

/** How long one attempt may block the event loop in SQLite's own busy handler. */
const DRIVER_BUSY_MS = 20;

type OpKind = 'read' | 'write';

/** Availability of the file as this process last saw it, per kind of operation. */
export class StoreHealth {
  readsDown = false;
  writesDown = false;
  /** Clock time the current outage was first seen (null: available). */
  since: number | null = null;
  lastError: string | null = null;
  /** Operations that failed because the store was unavailable, since start. */
  failures = 0;

  isDown(kind: OpKind): boolean {
    return kind === 'read' ? this.readsDown : this.writesDown;
  }

  down(kind: OpKind, e: unknown): void {
    this.failures += 1;
    this.since ??= Date.now();
    this.lastError = codeOf(e) || (e instanceof Error ? e.message : String(e));
    if (kind === 'read') this.readsDown = true;
    this.writesDown = true; // a file that cannot be read cannot be written
  }

  up(kind: OpKind): void {
    if (kind === 'write') this.writesDown = false;
    this.readsDown = false; // any success proves the file can be read
    if (!this.writesDown) { this.since = null; this.lastError = null; }
  }

  get available(): boolean {
    return !this.readsDown && !this.writesDown;
  }
}

/** The SQLite result code under a driver-adapter error (`SQLITE_BUSY` …), '' when none. */
function codeOf(e: unknown): string {
  const cause = (e as { cause?: { originalCode?: unknown } } | null)?.cause;
  const code = cause?.originalCode ?? (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

const READ_SQL = /^\s*(SELECT|WITH|PRAGMA|EXPLAIN)\b/i;
const kindOf = (query: Query): OpKind => (READ_SQL.test(query.sql) ? 'read' : 'write');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class SerialisedAdapter implements Adapter {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  private readonly lock = new Lock();

  constructor(private readonly inner: Adapter, private readonly health: StoreHealth, private readonly budgetMs: number) {
    this.adapterName = inner.adapterName;
  }

  /** Run one statement, waiting out another process's lock (see the header) within the budget. */
  private async attempt<T>(kind: OpKind, work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + (this.health.isDown(kind) ? 0 : this.budgetMs);
    for (let wait = 5; ; wait = Math.min(wait * 2, 100)) {
      try {
        const result = await work();
        this.health.up(kind);
        return result;
      } catch (e) {
        if (!isStoreUnavailable(e)) throw e; // a constraint, a bad statement: the request's problem
        if (/^SQLITE_(BUSY|LOCKED)/.test(codeOf(e)) && Date.now() + wait < deadline) {
          await sleep(wait);
          continue;
        }
        this.health.down(kind, e);
        throw e;
      }
    }
  }

  queryRaw(query: Query) { return this.lock.run(() => this.attempt(kindOf(query), () => this.inner.queryRaw(query))); }
  executeRaw(query: Query) { return this.lock.run(() => this.attempt(kindOf(query), () => this.inner.executeRaw(query))); }
  executeScript(script: string) { return this.lock.run(() => this.attempt('write', () => this.inner.executeScript(script))); }
  getConnectionInfo() { return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false }; }
  dispose() { return this.lock.run(() => this.inner.dispose()); }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') {
      // Same answer as the wrapped adapter: SQLite transactions are serializable.
      return this.inner.startTransaction(isolationLevel);
    }
    const release = await this.lock.acquire();
    try {
      await this.attempt('write', () => this.inner.executeRaw({ sql: 'BEGIN IMMEDIATE', args: [], argTypes: [] }));
    } catch (e) {
      release();
      throw e;
    }
    const inner = this.inner;
    // Prisma sends COMMIT / ROLLBACK through executeRaw (usePhantomQuery: false), then calls
    // commit() / rollback() to say the transaction is over: that is when the connection is free.
    const tx: Transaction = {
      provider: 'sqlite',
      adapterName: this.adapterName,
      options: { usePhantomQuery: false },
      // Holding the write lock, a statement is BUSY only on rare occasions (a COMMIT waiting for
      // readers in rollback-journal mode): waited out the same way.
      queryRaw: (q) => this.attempt(kindOf(q), () => inner.queryRaw(q)),
      executeRaw: (q) => this.attempt(kindOf(q), () => inner.executeRaw(q)),
      commit: async () => { release(); },
      rollback: async () => { release(); },
      createSavepoint: async (name) => { await inner.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] }); },
      rollbackToSavepoint: async (name) => { await inner.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] }); },
      releaseSavepoint: async (name) => { await inner.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] }); },
    };
    return tx;
  }
}

/**
 * The better-sqlite3 adapter factory for `file`, with the wrapper above on every connection:
 * another process's lock is waited for up to `busyTimeoutMs` (without blocking the event loop),
 * and `health` reports whether the file is usable.
 */
export function serialisedSqliteAdapter(file: string, busyTimeoutMs: number, health = new StoreHealth()) {
  const factory = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: Math.min(DRIVER_BUSY_MS, busyTimeoutMs) });
  return {
    provider: 'sqlite' as const,
    adapterName: factory.adapterName,
    health,
    connect: async (): Promise<Adapter> => new SerialisedAdapter(await factory.connect(), health, busyTimeoutMs),
  };
}
