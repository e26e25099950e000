import { inTransaction, openPostgres, type PgPool } from '../../src/stores/postgres/open-postgres';
import { describeWith, TEST_DATABASE_URL, uniqueName } from '../helpers/external-services';
import { until } from '../helpers/served-process';

/**
 * A connection held for a transaction is the pool's no longer: only its own listener stands
 * between a dropped backend and an 'error' event that kills the process. These tests drop the
 * backend of their own connection (by its pid, never anyone else's) while it is held.
 */
describeWith({ postgres: true }, 'a PostgreSQL connection dropped while a transaction holds it', () => {
  const appName = uniqueName('ivr_conn_loss');
  let pool: PgPool;
  let admin: PgPool;
  const poolErrors: Error[] = [];
  beforeAll(() => {
    pool = openPostgres(`${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}application_name=${appName}`, { max: 2, onError: (e) => poolErrors.push(e) });
    admin = openPostgres(TEST_DATABASE_URL, { max: 1 });
  });
  afterAll(async () => {
    await pool.end();
    await admin.end();
  });

  it('fails that transaction, discards the connection and keeps the process and the pool working', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      let pid = 0;
      const failed = inTransaction(pool, async (client) => {
        pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
        // Between two queries, nothing in flight: the termination arrives as an 'error' event.
        await admin.query('SELECT pg_terminate_backend($1::int)', [pid]);
        await until('the backend to be gone', async () => (await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount === 0);
        // pg marks a client whose connection dropped as no longer queryable (its only public sign is the 'error' event).
        await until('the client to hear of it', async () => uncaught.length > 0 || (client as unknown as { _queryable: boolean })._queryable === false);
        return client.query('SELECT 1');
      }).catch((err: Error) => err);
      expect(await failed).toBeInstanceOf(Error);
      expect(uncaught).toEqual([]);
      // The pool works on, on a new connection.
      const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(rows[0].pid).not.toBe(pid);
      await until('the dropped connection to leave the pool', () => pool.totalCount <= 2);
      expect(await inTransaction(pool, async (c) => (await c.query<{ one: number }>('SELECT 1 AS one')).rows[0].one)).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
