import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../../src/flow/load/load-project';
import { SimulatedClock, parseInstant } from '../../src/platform/clock';
import { flowVersions } from '../../src/server/flow-versions';
import { sqliteCallStore } from '../../src/stores/calls/sqlite/sqlite-call-store';
import { sqliteSessionStore } from '../../src/stores/session/sqlite/sqlite-session-store';
import { migrateSqlite } from '../../src/stores/sqlite/migrate-sqlite';
import { openSqlite } from '../../src/stores/sqlite/open-sqlite';
import { AUTH_TOKEN, DEMO_LINE, FIXTURE_FLOWS, OPEN_HOURS, webhookApp } from '../helpers/webhook-app';
import { TwilioCaller, shape } from '../helpers/twilio-caller';

/** The server's database as it starts: opened and migrated. */
const openMigrated = (file: string) => {
  const db = openSqlite(file);
  migrateSqlite(db);
  return db;
};

const publicBaseUrl = 'http://localhost:3000';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ivr-restart-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the fixture flows with the English menu reworded: a new version of flow "demo". */
function editedProject(): ReturnType<typeof loadProject>['project'] {
  const flowsDir = join(dir, 'flows');
  cpSync(FIXTURE_FLOWS, flowsDir, { recursive: true });
  const prompts = join(flowsDir, 'prompts', 'en-US.yaml');
  writeFileSync(prompts, readFileSync(prompts, 'utf8').replace(/^menu: .*$/m, 'menu: Press 1 for enquiries, 2 for a message, 9 for English.'));
  const { project, diagnostics } = loadProject(flowsDir);
  if (!project) throw new Error(JSON.stringify(diagnostics));
  return project;
}

describe('a server restart in the middle of a call', () => {
  it('lets a second server on the same SQLite file continue the call where the first left it', async () => {
    const file = join(dir, 'data', 'ivr.db');
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));

    const db1 = openMigrated(file);
    const first = webhookApp({ clock, sessions: sqliteSessionStore(db1), calls: sqliteCallStore(db1) });
    const caller = new TwilioCaller(first.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    await caller.press('9');
    const gather = caller.action('Gather');
    db1.close();

    clock.advance(5_000);
    const db2 = openMigrated(file);
    const second = webhookApp({ clock, sessions: sqliteSessionStore(db2), calls: sqliteCallStore(db2) });
    const resumed = new TwilioCaller(second.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE, sid: caller.sid });
    const answer = await resumed.post(gather, { CallSid: caller.sid, To: DEMO_LINE, From: '+8613800138000', Digits: '2' });

    expect(answer.status).toBe(200);
    expect(resumed.heard()).toEqual(['Please leave a message after the tone and press hash when done.']);
    expect(shape(answer.verbs)).toEqual(['Say', 'Record', 'Redirect']);
    expect((await second.calls.get(caller.sid))!.turns.map((t) => t.input)).toEqual(['call', 'digits', 'digits']);
    db2.close();
  });
});

describe('a flow changing while calls are in progress', () => {
  it('finishes a call on the flow version it started on while new calls get the new version', async () => {
    const flows = flowVersions(webhookApp().project);
    const { app } = webhookApp({ flows });
    const early = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await early.ring();

    flows.load(editedProject()!);

    await early.press('9');
    expect(early.heard()).toEqual(['For enquiries press 1, to leave a message press 2, for English press 9.']);
    const late = new TwilioCaller(app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await late.ring();
    await late.press('9');
    expect(late.heard()).toEqual(['Press 1 for enquiries, 2 for a message, 9 for English.']);
  });

  it('apologises and puts the caller through when the version of their call is no longer loaded', async () => {
    const file = join(dir, 'ivr.db');
    const clock = new SimulatedClock(parseInstant(OPEN_HOURS));
    const db1 = openMigrated(file);
    const before = webhookApp({ clock, sessions: sqliteSessionStore(db1), calls: sqliteCallStore(db1) });
    const caller = new TwilioCaller(before.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE });
    await caller.ring();
    await caller.press('9');
    const gather = caller.action('Gather');
    db1.close();

    // Restarted with the edited flows only: the old version is gone.
    const db2 = openMigrated(file);
    const after = webhookApp({ clock, project: editedProject()!, sessions: sqliteSessionStore(db2), calls: sqliteCallStore(db2) });
    const resumed = new TwilioCaller(after.app, { authToken: AUTH_TOKEN, publicBaseUrl, to: DEMO_LINE, sid: caller.sid });
    const answer = await resumed.post(gather, { CallSid: caller.sid, To: DEMO_LINE, From: '+8613800138000', Digits: '1' });
    expect(answer.status).toBe(200);
    expect(resumed.heard()).toEqual(['Sorry, something went wrong on our side. Connecting you to an agent, please hold.']);
    expect(shape(answer.verbs)).toEqual(['Say', 'Enqueue']);
    expect(answer.verbs[1].text).toBe('general');
    expect(after.logs.find((l) => l.msg === 'turn failed; the caller hears an apology')).toMatchObject({ err: { code: 'FLOW_VERSION_MISSING' } });
    expect(await after.calls.get(caller.sid)).toMatchObject({ outcome: 'transferred', faults: 1 });
    db2.close();
  });
});
