import { SimulatedClock } from '../../../src/platform/clock';
import { migratePostgres, openPostgres, PG_MIGRATIONS, type PgPool } from '../../../src/stores/postgres';
import { describeWith, TEST_DATABASE_URL, uniqueName } from '../../helpers/external-services';

describeWith({ postgres: true }, 'migrating the PostgreSQL schema', () => {
  const schemas: string[] = [];
  const pools: PgPool[] = [];
  /** A pool on a schema nobody has used yet (created by the first migration run). */
  const poolOn = (schema: string) => {
    const pool = openPostgres(TEST_DATABASE_URL, { schema, max: 2 });
    pools.push(pool);
    return pool;
  };
  const newSchema = () => {
    const schema = uniqueName('ivr_migrate');
    schemas.push(schema);
    return schema;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    const admin = openPostgres(TEST_DATABASE_URL, { max: 1 });
    for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
    await admin.end();
  });
  const tables = async (pool: PgPool, schema: string) =>
    (await pool.query<{ tablename: string }>('SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [schema])).rows.map((r) => r.tablename);

  it('creates the schema and applies every migration in order, recording when', async () => {
    const schema = newSchema();
    const pool = poolOn(schema);
    const report = await migratePostgres(pool, { schema, clock: new SimulatedClock(1_700_000_000_000) });
    expect(report).toEqual({ applied: PG_MIGRATIONS.map((m) => m.id), alreadyApplied: [] });
    expect(await tables(pool, schema)).toEqual(['accounts', 'call_sessions', 'callback_jobs', 'calls', 'otp_lookups', 'otp_state', 'qa_reviews', 'release_audit', 'release_blobs', 'release_files', 'release_flows', 'releases', 'schema_migrations', 'sms_minute_counts', 'sms_opt_outs', 'sms_outbox', 'sms_replies', 'sms_sends', 'surveys', 'ticket_progress_sms', 'tickets']);
    const { rows } = await pool.query('SELECT id, applied_at FROM schema_migrations ORDER BY applied_at, id COLLATE "C"');
    // One clock time for all, so the rows come back by id: compare with the list in that order.
    expect(rows).toEqual(PG_MIGRATIONS.map((m) => ({ id: m.id, applied_at: 1_700_000_000_000 })).sort((a, b) => (a.id < b.id ? -1 : 1)));
  });

  it('applies nothing the second time', async () => {
    const schema = newSchema();
    const pool = poolOn(schema);
    await migratePostgres(pool, { schema });
    expect(await migratePostgres(pool, { schema })).toEqual({ applied: [], alreadyApplied: PG_MIGRATIONS.map((m) => m.id) });
  });

  it('moves the global SMS count of a database counted row by row into minute slots', async () => {
    const schema = newSchema();
    const pool = poolOn(schema);
    const slotsId = 'sms_guard_0002_sms_minute_counts';
    await migratePostgres(pool, { schema, migrations: PG_MIGRATIONS.filter((m) => m.id !== slotsId) });
    const T0 = Date.UTC(2026, 10, 23, 2, 0);
    for (const [bucket, at] of [['global', T0 + 1], ['global', T0 + 59_999], ['global', T0 + 60_000], ['n1:link', T0 + 1]] as const) {
      await pool.query('INSERT INTO sms_sends (bucket, at, sms_key, expires_at) VALUES ($1, $2, $3, $4)', [bucket, at, `k${at}`, at + 3_600_000]);
    }
    expect((await migratePostgres(pool, { schema })).applied).toEqual([slotsId]);
    expect((await pool.query('SELECT bucket FROM sms_sends')).rows).toEqual([{ bucket: 'n1:link' }]);
    expect((await pool.query('SELECT bucket, minute, backend, n FROM sms_minute_counts ORDER BY minute')).rows).toEqual([
      { bucket: 'global', minute: T0 / 60_000, backend: 0, n: 2 },
      { bucket: 'global', minute: T0 / 60_000 + 1, backend: 0, n: 1 },
    ]);
  });

  it('applies each migration exactly once when five servers start at the same moment', async () => {
    const schema = newSchema();
    const reports = await Promise.all(Array.from({ length: 5 }, () => migratePostgres(poolOn(schema), { schema })));
    const applied = reports.flatMap((r) => r.applied);
    expect(applied.sort()).toEqual(PG_MIGRATIONS.map((m) => m.id).sort());
    expect(reports.filter((r) => r.applied.length > 0)).toHaveLength(1);
    const { rows } = await poolOn(schema).query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(rows[0].n).toBe(PG_MIGRATIONS.length);
  });

  it('applies a new migration added later, and nothing of a failing one, saying which failed and what to do', async () => {
    const schema = newSchema();
    const pool = poolOn(schema);
    await migratePostgres(pool, { schema });
    const later = [...PG_MIGRATIONS, { id: '0100_ticket_channel', sql: "ALTER TABLE tickets ADD COLUMN channel TEXT NOT NULL DEFAULT 'voice'" }];
    expect((await migratePostgres(pool, { schema, migrations: later })).applied).toEqual(['0100_ticket_channel']);
    const broken = [...later, { id: '0101_broken', sql: 'CREATE TABLE half (id INT); ALTER TABLE nowhere ADD COLUMN x INT' }];
    await expect(migratePostgres(pool, { schema, migrations: broken })).rejects.toThrow(
      /PostgreSQL migration "0101_broken" failed: relation "nowhere" does not exist\. Nothing of it was applied; fix its SQL/,
    );
    expect(await tables(pool, schema)).not.toContain('half');
    // The lock was given back: the next run is not stuck behind the failed one.
    expect((await migratePostgres(pool, { schema, migrations: later })).applied).toEqual([]);
  });

  it('refuses two migrations with one id', async () => {
    const dup = [PG_MIGRATIONS[0], { ...PG_MIGRATIONS[1], id: PG_MIGRATIONS[0].id }];
    await expect(migratePostgres(poolOn(newSchema()), { migrations: dup })).rejects.toThrow(`two PostgreSQL migrations share the id "${PG_MIGRATIONS[0].id}"`);
  });

  it('says what to check when PostgreSQL cannot be reached', async () => {
    const pool = openPostgres('postgres://postgres@127.0.0.1:1/test', { max: 1 });
    pools.push(pool);
    await expect(migratePostgres(pool)).rejects.toThrow(/cannot connect to PostgreSQL to migrate it: .*\(is DATABASE_URL right and the server up\?\)/);
  });
});
