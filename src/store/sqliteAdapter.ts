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
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

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

class SerialisedAdapter implements Adapter {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  private readonly lock = new Lock();

  constructor(private readonly inner: Adapter) {
    this.adapterName = inner.adapterName;
  }

  queryRaw(query: Query) { return this.lock.run(() => this.inner.queryRaw(query)); }
  executeRaw(query: Query) { return this.lock.run(() => this.inner.executeRaw(query)); }
  executeScript(script: string) { return this.lock.run(() => this.inner.executeScript(script)); }
  getConnectionInfo() { return this.inner.getConnectionInfo?.() ?? { supportsRelationJoins: false }; }
  dispose() { return this.lock.run(() => this.inner.dispose()); }

  async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    if (isolationLevel && isolationLevel !== 'SERIALIZABLE') {
      // Same answer as the wrapped adapter: SQLite transactions are serializable.
      return this.inner.startTransaction(isolationLevel);
    }
    const release = await this.lock.acquire();
    try {
      await this.inner.executeRaw({ sql: 'BEGIN IMMEDIATE', args: [], argTypes: [] });
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
      queryRaw: (q) => inner.queryRaw(q),
      executeRaw: (q) => inner.executeRaw(q),
      commit: async () => { release(); },
      rollback: async () => { release(); },
      createSavepoint: async (name) => { await inner.executeRaw({ sql: `SAVEPOINT ${name}`, args: [], argTypes: [] }); },
      rollbackToSavepoint: async (name) => { await inner.executeRaw({ sql: `ROLLBACK TO ${name}`, args: [], argTypes: [] }); },
      releaseSavepoint: async (name) => { await inner.executeRaw({ sql: `RELEASE SAVEPOINT ${name}`, args: [], argTypes: [] }); },
    };
    return tx;
  }
}

/** The better-sqlite3 adapter factory for `file`, with the wrapper above on every connection. */
export function serialisedSqliteAdapter(file: string, busyTimeoutMs: number) {
  const factory = new PrismaBetterSqlite3({ url: `file:${file}`, timeout: busyTimeoutMs });
  return {
    provider: 'sqlite' as const,
    adapterName: factory.adapterName,
    connect: async (): Promise<Adapter> => new SerialisedAdapter(await factory.connect()),
  };
}
