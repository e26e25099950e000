import { Pool, types, type PoolClient } from 'pg';

/** A pool of PostgreSQL connections; every store of one server shares it. */
export type PgPool = Pool;
/** Where a query runs: the pool (its own short transaction) or a client inside a transaction. */
export type Queryable = Pick<Pool, 'query'> | PoolClient;

const INT8 = 20;

/**
 * Opens a connection pool (lazily: nothing connects until the first query). BIGINT columns (times
 * in epoch ms, ids) come back as numbers, not strings. With `schema`, every connection's
 * search_path is that schema, so one database can hold several deployments or test runs; the
 * migration runner creates it.
 */
export function openPostgres(
  url: string,
  opts: {
    schema?: string;
    max?: number;
    onError?: (err: Error) => void;
    /**
     * 'off': commits on this pool do not wait for the WAL to reach the disk. For writes whose last
     * fraction of a second may be lost in a database crash (a call record's turn entries), never
     * for tickets, SMS or surveys.
     */
    synchronousCommit?: 'off';
  } = {},
): PgPool {
  const settings = [...(opts.schema ? [`-c search_path=${opts.schema}`] : []), ...(opts.synchronousCommit ? [`-c synchronous_commit=${opts.synchronousCommit}`] : [])];
  const pool = new Pool({
    connectionString: url,
    max: opts.max ?? 10,
    application_name: 'ivr',
    // A pool that cannot connect within this long says so instead of queueing turns forever.
    connectionTimeoutMillis: 5000,
    ...(settings.length ? { options: settings.join(' ') } : {}),
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? Number : types.getTypeParser(oid, format))) as typeof types.getTypeParser },
  });
  // An idle connection dropped by the server must not crash the process; the next query reconnects.
  pool.on('error', (err) => opts.onError?.(err));
  return pool;
}

/** Double-quotes an identifier (a schema name) for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Checks a client out of the pool with an 'error' listener of its own. The pool listens only to
 * idle clients: a connection the server drops while checked out (a terminated backend, a restart)
 * emits 'error' with nobody listening, which kills the process. With this listener the query in
 * flight rejects as usual, and `broken()` says the connection must be discarded on release.
 */
export async function checkOut(pool: PgPool): Promise<{ client: PoolClient; broken(): Error | undefined; release(err?: Error): void }> {
  let lost: Error | undefined;
  const onError = (err: Error) => {
    lost ??= err;
  };
  // The callback form: the listener goes on in the same tick the pool hands the client over. With
  // the promise form it would wait for a microtask, and an error message parsed from the same
  // network read (a backend terminated just after connecting) would find nobody listening.
  const client = await new Promise<PoolClient>((resolve, reject) =>
    pool.connect((err, c) => {
      if (err || !c) return reject(err ?? new Error('the pool handed out no client'));
      c.on('error', onError);
      resolve(c);
    }),
  );
  return {
    client,
    broken: () => lost,
    release(err) {
      const discard = err ?? lost;
      // A discarded connection may still report its end: the listener stays on it.
      if (!discard) client.off('error', onError);
      client.release(discard);
    },
  };
}

/**
 * Runs `work` in one transaction on one connection: COMMIT when it resolves, ROLLBACK when it
 * throws (and the error is thrown on). A connection whose ROLLBACK failed, or that the server
 * dropped, is discarded.
 */
export async function inTransaction<T>(pool: PgPool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const held = await checkOut(pool);
  const { client } = held;
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: Error) => {
      broken = rollbackErr;
    });
    throw err;
  } finally {
    held.release(broken);
  }
}

/** PostgreSQL's SQLSTATE for a unique constraint violation. */
export const UNIQUE_VIOLATION = '23505';
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
}
