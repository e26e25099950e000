import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite, type SqliteDatabase } from '../../../src/stores/sqlite/open-sqlite';
import { sqliteWriteGroup } from '../../../src/stores/sqlite/write-group';

const dir = mkdtempSync(join(tmpdir(), 'ivr-write-group-'));
const open: SqliteDatabase[] = [];
let files = 0;
function twoConnections(opts: { busyTimeoutMs?: number } = {}) {
  const file = join(dir, `group-${files++}.db`);
  const db = openSqlite(file, opts);
  db.exec('CREATE TABLE turns (call_sid TEXT PRIMARY KEY, n INTEGER NOT NULL)');
  // Another process on the same file, as a second server would be.
  const other = openSqlite(file, opts);
  open.push(db, other);
  const seenByOther = () => other.prepare('SELECT call_sid FROM turns ORDER BY call_sid').pluck().all();
  return { db, other, seenByOther, insert: db.prepare('INSERT INTO turns (call_sid, n) VALUES (?, ?)') };
}
afterAll(() => {
  for (const db of open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

it('commits the writes of three calls asked for at once in one transaction, answering each after the commit', async () => {
  const { db, seenByOther, insert } = twoConnections();
  const writes = sqliteWriteGroup(db);
  const duringTheThird: unknown[] = [];
  const answers = await Promise.all([
    writes.run(() => insert.run('CA1', 1).changes),
    writes.run(() => insert.run('CA2', 1).changes),
    writes.run(() => {
      // The first two are written but not committed: another connection does not see them yet.
      duringTheThird.push(seenByOther());
      return insert.run('CA3', 1).changes;
    }),
  ]);
  expect(answers).toEqual([1, 1, 1]);
  expect(duringTheThird).toEqual([[]]);
  expect(seenByOther()).toEqual(['CA1', 'CA2', 'CA3']);
});

it('rolls back only the write that failed; the calls beside it are stored', async () => {
  const { db, seenByOther, insert } = twoConnections();
  const writes = sqliteWriteGroup(db);
  const [first, second, third] = await Promise.allSettled([
    writes.run(() => insert.run('CA1', 1)),
    writes.run(() => {
      insert.run('CA2', 1);
      insert.run('CA1', 2); // the primary key refuses it: this whole write goes, CA2 with it
    }),
    writes.run(() => insert.run('CA3', 1)),
  ]);
  expect([first.status, second.status, third.status]).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect((second as PromiseRejectedResult).reason.message).toMatch(/UNIQUE constraint failed/);
  expect(seenByOther()).toEqual(['CA1', 'CA3']);
});

it('tells every caller of a group when the commit itself cannot happen (the file is locked by another server)', async () => {
  const { db, other, seenByOther, insert } = twoConnections({ busyTimeoutMs: 0 });
  const writes = sqliteWriteGroup(db);
  other.exec('BEGIN IMMEDIATE');
  const results = await Promise.allSettled([writes.run(() => insert.run('CA1', 1)), writes.run(() => insert.run('CA2', 1))]);
  other.exec('ROLLBACK');
  expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  expect((results[0] as PromiseRejectedResult).reason.message).toMatch(/locked|busy/i);
  expect(seenByOther()).toEqual([]);
  // The next group goes through.
  await writes.run(() => insert.run('CA3', 1));
  expect(seenByOther()).toEqual(['CA3']);
});
