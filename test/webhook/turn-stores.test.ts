import type { CallRecord } from '../../src/stores/calls/call-record';
import { memoryCallStore } from '../../src/stores/calls/memory/memory-call-store';
import { sqliteCallStore } from '../../src/stores/calls/sqlite/sqlite-call-store';
import { memorySessionStore } from '../../src/stores/session/memory/memory-session-store';
import { sqliteSessionStore } from '../../src/stores/session/sqlite/sqlite-session-store';
import type { CallStore } from '../../src/stores/calls/call-store';
import type { SessionStore } from '../../src/stores/session/session-store';
import { sqliteTurnStore } from '../../src/stores/turns/sqlite-turn-store';
import { sqliteWriteGroup } from '../../src/stores/sqlite/write-group';
import { separateTurnStore, type TurnStore } from '../../src/stores/turns/turn-store';
import { aCallRecord, aSession } from '../helpers/store-contracts';
import { tempSqliteDir } from '../services/temp-sqlite';

const T0 = Date.UTC(2026, 10, 23, 13, 0);
const tmp = tempSqliteDir();
let files = 0;
const sqliteFile = () => `${tmp.dir}/turns-${files++}.db`;
afterAll(() => tmp.remove());

type Made = { turns: TurnStore; sessions: SessionStore; calls: CallStore };
const makers: [string, () => Made][] = [
  ['memory, one store after the other', () => {
    const sessions = memorySessionStore();
    const calls = memoryCallStore();
    return { turns: separateTurnStore(sessions, calls), sessions, calls };
  }],
  ['SQLite, one transaction', () => {
    const db = tmp.open(sqliteFile());
    const sessions = sqliteSessionStore(db);
    const calls = sqliteCallStore(db);
    return { turns: sqliteTurnStore(db, sqliteWriteGroup(db), sessions, calls), sessions, calls };
  }],
];

const entry = (n: number) => (r: CallRecord): CallRecord => ({ ...r, turns: [...r.turns, { n, at: T0, input: 'digits', node: `menu-${n}`, result: 'waiting', ms: 3 }] });
const broken = (): CallRecord => {
  throw new Error('the record does not decode');
};

describe.each(makers)('TurnStore: %s', (_name, make) => {
  it('rings: stores the session and opens the record with the greeting entry', async () => {
    const { turns, sessions, calls } = make();
    expect(await turns.start(aSession('CA1'), aCallRecord('CA1', T0), entry(0))).toEqual({ saved: true });
    expect(await sessions.get('CA1', T0)).toMatchObject({ version: 1, turn: 0 });
    expect((await calls.get('CA1'))!.turns.map((t) => t.node)).toEqual(['menu-0']);
  });

  it('a retried ring writes nothing: the first delivery\'s session and record stay', async () => {
    const { turns, sessions, calls } = make();
    await turns.start(aSession('CA1'), aCallRecord('CA1', T0), entry(0));
    expect(await turns.start(aSession('CA1', { turn: 7 }), aCallRecord('CA1', T0), entry(9))).toEqual({ saved: false });
    expect((await sessions.get('CA1', T0))!.turn).toBe(0);
    expect((await calls.get('CA1'))!.turns).toHaveLength(1);
  });

  it('a turn saves the session over the version it read and adds its entry; a losing delivery adds nothing', async () => {
    const { turns, sessions, calls } = make();
    await turns.start(aSession('CA1'), aCallRecord('CA1', T0), entry(0));
    expect(await turns.commit(aSession('CA1', { version: 2, turn: 1 }), entry(1))).toEqual({ saved: true });
    expect(await turns.commit(aSession('CA1', { version: 2, turn: 1 }), entry(1))).toEqual({ saved: false });
    expect((await sessions.get('CA1', T0))!.version).toBe(2);
    expect((await calls.get('CA1'))!.turns.map((t) => t.n)).toEqual([0, 1]);
  });

  it('a record that cannot take the entry still lets the caller\'s turn be stored, and says why', async () => {
    const { turns, sessions, calls } = make();
    await turns.start(aSession('CA1'), aCallRecord('CA1', T0), entry(0));
    const written = await turns.commit(aSession('CA1', { version: 2, turn: 1 }), broken);
    expect(written).toMatchObject({ saved: true, recordError: expect.objectContaining({ message: 'the record does not decode' }) });
    expect((await sessions.get('CA1', T0))!.turn).toBe(1);
    expect((await calls.get('CA1'))!.turns).toHaveLength(1);
  });
});

it('on SQLite the session and the record entry are one transaction: another connection sees both or neither', async () => {
  const file = sqliteFile();
  const db = tmp.open(file);
  const other = tmp.open(file); // another process on the same file, as a second server would be
  const sessions = sqliteSessionStore(db);
  const turns = sqliteTurnStore(db, sqliteWriteGroup(db), sessions, sqliteCallStore(db));
  const seenFromOutside: unknown[] = [];
  await turns.start(aSession('CA1'), aCallRecord('CA1', T0), entry(0));
  await turns.commit(aSession('CA1', { version: 2, turn: 1 }), (r) => {
    // Inside the turn's write: the new session is written but not yet committed.
    expect(db.inTransaction).toBe(true);
    seenFromOutside.push(other.prepare('SELECT version FROM call_sessions WHERE call_sid = ?').get('CA1'));
    return entry(1)(r);
  });
  expect(seenFromOutside).toEqual([{ version: 1 }]);
  expect(other.prepare('SELECT version FROM call_sessions WHERE call_sid = ?').get('CA1')).toEqual({ version: 2 });
  expect((await sqliteCallStore(other).get('CA1'))!.turns).toHaveLength(2);
});
