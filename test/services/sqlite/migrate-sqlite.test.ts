import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SimulatedClock } from '../../../src/platform/clock';
import { MIGRATIONS, migrateSqlite, openSqlite } from '../../../src/stores/sqlite';
import { tempSqliteDir } from '../temp-sqlite';

describe('the SQLite database', () => {
  let tmp: ReturnType<typeof tempSqliteDir>;
  beforeEach(() => (tmp = tempSqliteDir()));
  afterEach(() => tmp.remove());

  it('is created with its directory, in WAL mode, waiting for a busy writer instead of failing', () => {
    const path = join(tmp.dir, 'a', 'b', 'ivr.db');
    const db = openSqlite(path);
    try {
      expect(existsSync(path)).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('busy_timeout', { simple: true })).toBe(2000);
    } finally {
      db.close();
    }
  });

  it('explains what to check when the file cannot be opened', () => {
    expect(() => openSqlite(tmp.dir)).toThrow(/cannot open the SQLite database .*check that the path is a file in a writable directory/);
  });
});

describe('migrating the SQLite schema', () => {
  let tmp: ReturnType<typeof tempSqliteDir>;
  beforeEach(() => (tmp = tempSqliteDir()));
  afterEach(() => tmp.remove());
  const tables = (db: ReturnType<typeof openSqlite>) =>
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all();

  it('applies every migration in order on a new database, recording when', () => {
    const db = openSqlite(tmp.path);
    const report = migrateSqlite(db, { clock: new SimulatedClock(1_700_000_000_000) });
    expect(report).toEqual({ applied: MIGRATIONS.map((m) => m.id), alreadyApplied: [] });
    expect(tables(db)).toEqual(['accounts', 'call_sessions', 'callback_jobs', 'calls', 'otp_lookups', 'otp_state', 'qa_reviews', 'release_audit', 'release_blobs', 'release_files', 'release_flows', 'releases', 'schema_migrations', 'sms_minute_counts', 'sms_opt_outs', 'sms_outbox', 'sms_replies', 'sms_sends', 'surveys', 'ticket_progress_sms', 'tickets']);
    expect(db.prepare('SELECT id, applied_at FROM schema_migrations ORDER BY rowid').all()).toEqual(MIGRATIONS.map((m) => ({ id: m.id, applied_at: 1_700_000_000_000 })));
    db.close();
  });

  it('adopts the call tables a server created before they were migrations, keeping their rows', () => {
    const db = openSqlite(tmp.path);
    db.exec(`CREATE TABLE calls (call_sid TEXT PRIMARY KEY, hotline TEXT NOT NULL, started_at INTEGER NOT NULL, data TEXT NOT NULL);
             INSERT INTO calls VALUES ('CA1', 'general', 1, '{}');
             CREATE TABLE call_sessions (call_sid TEXT PRIMARY KEY, version INTEGER NOT NULL, expires_at INTEGER NOT NULL, data TEXT NOT NULL);`);
    expect(migrateSqlite(db).applied).toEqual(MIGRATIONS.map((m) => m.id));
    expect(db.prepare('SELECT call_sid FROM calls').pluck().all()).toEqual(['CA1']);
    db.close();
  });

  it('moves the global SMS count of a database counted row by row into minute slots', () => {
    const db = openSqlite(tmp.path);
    const slotsId = 'sms_guard_0002_sms_minute_counts';
    migrateSqlite(db, { migrations: MIGRATIONS.filter((m) => m.id !== slotsId) });
    const T0 = Date.UTC(2026, 10, 23, 2, 0);
    const send = db.prepare('INSERT INTO sms_sends (bucket, at, sms_key, expires_at) VALUES (?, ?, ?, ?)');
    for (const [bucket, at] of [['global', T0 + 1], ['global', T0 + 59_999], ['global', T0 + 60_000], ['n1:link', T0 + 1]] as const) send.run(bucket, at, `k${at}`, at + 3_600_000);
    expect(migrateSqlite(db).applied).toEqual([slotsId]);
    expect(db.prepare('SELECT bucket FROM sms_sends').pluck().all()).toEqual(['n1:link']);
    expect(db.prepare('SELECT bucket, minute, n FROM sms_minute_counts ORDER BY minute').all()).toEqual([
      { bucket: 'global', minute: T0 / 60_000, n: 2 },
      { bucket: 'global', minute: T0 / 60_000 + 1, n: 1 },
    ]);
    db.close();
  });

  it('does nothing the second time, nor after reopening the file', () => {
    const db = openSqlite(tmp.path);
    migrateSqlite(db);
    expect(migrateSqlite(db).applied).toEqual([]);
    db.close();
    const again = openSqlite(tmp.path);
    expect(migrateSqlite(again)).toEqual({ applied: [], alreadyApplied: MIGRATIONS.map((m) => m.id) });
    again.close();
  });

  it('applies only the migration appended since the last start', () => {
    const db = openSqlite(tmp.path);
    migrateSqlite(db);
    const added = [...MIGRATIONS, { id: '0100_sessions', sql: 'CREATE TABLE sessions (call_sid TEXT PRIMARY KEY, snapshot TEXT NOT NULL)' }];
    expect(migrateSqlite(db, { migrations: added }).applied).toEqual(['0100_sessions']);
    expect(tables(db)).toContain('sessions');
    db.close();
  });

  it('rolls a failing migration back whole, records nothing, and names it', () => {
    const db = openSqlite(tmp.path);
    const broken = [...MIGRATIONS, { id: '0101_broken', sql: 'CREATE TABLE half_done (id TEXT); CREATE TABLE oops (' }];
    expect(() => migrateSqlite(db, { migrations: broken })).toThrow(/SQLite migration "0101_broken" failed: .*Nothing of it was applied/);
    expect(tables(db)).not.toContain('half_done');
    expect(db.prepare("SELECT count(*) FROM schema_migrations WHERE id = '0101_broken'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses two migrations with one id, saying where to fix it', () => {
    const db = openSqlite(tmp.path);
    expect(() => migrateSqlite(db, { migrations: [...MIGRATIONS, { id: '0001_accounts', sql: 'SELECT 1' }] })).toThrow(
      /two SQLite migrations share the id "0001_accounts"; give the newer one a new id in src\/stores\/sqlite\/migrations/,
    );
    db.close();
  });

  it('lets two processes migrate the same new file at once, applying each migration once', () => {
    const a = openSqlite(tmp.path);
    const b = openSqlite(tmp.path);
    const ra = migrateSqlite(a);
    const rb = migrateSqlite(b);
    expect(ra.applied).toHaveLength(MIGRATIONS.length);
    expect(rb.applied).toEqual([]);
    a.close();
    b.close();
  });
});
