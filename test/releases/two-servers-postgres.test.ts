import { postgresWorld } from '../helpers/services-app';
import { MAIN_MENU_KEY, releaseServers, type ReleaseServer } from '../helpers/release-servers';

const OLD_MENU = '账号问题请按1，内容违规申诉请按2，电商服务请按3';
const NEW_MENU = '节日期间，账号问题请按1，电商服务请按3，人工服务请按0。';
const ZHANG = '+8613800138000';
const LI = '+8613700137000';
const TESTER = '+8613900139000';

/** What a new caller hears on the general line of `server`: the main menu as shipped, or as reworded. */
async function menuHeardBy(server: ReleaseServer, from = LI): Promise<'old' | 'new'> {
  const caller = server.caller(from);
  await caller.ring();
  const heard = caller.heard().join(' ');
  if (heard.includes(NEW_MENU)) return 'new';
  if (heard.includes(OLD_MENU)) return 'old';
  throw new Error(`neither menu was heard: ${heard}`);
}

/**
 * Two servers on one PostgreSQL, running the releases in it: `ivr publish` (the desk's publish,
 * which the command calls) on one reaches new calls on both after their poll; a call keeps the
 * version it started on, on any server, even one restarted with nothing cached; a rollback and a
 * scheduled activation reach new calls the same way; test callers reach the working draft.
 * PostgreSQL runs locally: without it these tests fail, they are not skipped.
 */
describe('releases on two servers sharing PostgreSQL', () => {
  const pg = postgresWorld();
  let files: ReturnType<typeof releaseServers> | undefined;
  afterEach(() => files?.closeAll());
  const setUp = async (env: Record<string, string> = {}) => {
    const world = pg.world();
    files = releaseServers(world, pg.db.url);
    const a = await files.server(env);
    const b = await files.server(env);
    return { world, files: files, a, b };
  };

  it('publishes on one server and both answer new calls with the new menu after their poll; a call in progress keeps its menu on the other server and on a restarted one', async () => {
    const { files, a, b } = await setUp();
    expect((await a.desk.versions()).releases.map((r) => r.message)).toEqual(['first start: the files in ' + files.flowsDir]);

    // Zhang rings server A on release 1 and is at the main menu.
    const zhang = a.caller(ZHANG);
    await zhang.ring();
    expect(zhang.heard().join(' ')).toContain(OLD_MENU);

    files.reword(MAIN_MENU_KEY, NEW_MENU);
    const published = await a.desk.publish({ message: 'holiday menu', by: 'alice' });
    expect(published).toMatchObject({ ok: true, created: true, unchanged: false });
    if (!published.ok) throw new Error('not published');
    expect(published.release.seq).toBe(2);
    expect(published.diff.catalogue).toEqual([{ lang: 'zh-CN', added: [], removed: [], changed: [MAIN_MENU_KEY] }]);

    // Until they poll, the servers keep release 1; after, both start new calls on release 2.
    expect(await menuHeardBy(b)).toBe('old');
    await Promise.all([a.poll(), b.poll()]);
    expect(await menuHeardBy(a)).toBe('new');
    expect(await menuHeardBy(b)).toBe('new');

    // Zhang asks for the menu again on server B: still release 1's menu.
    const onB = b.caller(ZHANG, { sid: zhang.sid });
    onB.last = zhang.last;
    await onB.press('*');
    expect(onB.heard().join(' ')).toContain(OLD_MENU);

    // Server A restarts with an empty cache: it starts on release 2, and loads release 1 from
    // the database when Zhang's next turn reaches it.
    await a.close();
    const a2 = await files.server();
    expect(await menuHeardBy(a2)).toBe('new');
    const onA2 = a2.caller(ZHANG, { sid: zhang.sid });
    onA2.last = onB.last;
    await onA2.press('*');
    expect(onA2.heard().join(' ')).toContain(OLD_MENU);
    expect(a2.logs.some((l) => String(l.msg).startsWith('loaded release 1 from the database for a call on general@'))).toBe(true);
  });

  it('rolls back: new calls on both servers get the previous release, and the audit says who did what', async () => {
    const { files, a, b } = await setUp();
    files.reword(MAIN_MENU_KEY, NEW_MENU);
    await a.desk.publish({ message: 'holiday menu', by: 'alice' });
    await Promise.all([a.poll(), b.poll()]);
    expect(await menuHeardBy(b)).toBe('new');

    const rolled = await b.desk.activate({ ref: '1', by: 'bob', message: 'callers confused by the holiday menu' });
    expect(rolled).toMatchObject({ unchanged: false, release: { seq: 1 }, from: { seq: 2 } });
    await Promise.all([a.poll(), b.poll()]);
    expect(await menuHeardBy(a)).toBe('old');
    expect(await menuHeardBy(b)).toBe('old');

    const { releases, audit, active } = await a.desk.versions();
    const seq = (id: string | undefined) => releases.find((r) => r.id === id)?.seq;
    expect(seq(active)).toBe(1);
    expect(audit.map((e) => ({ action: e.action, by: e.by, from: seq(e.from), to: seq(e.to), message: e.message }))).toEqual([
      { action: 'publish', by: 'server 1', from: undefined, to: 1, message: `first start: the files in ${files.flowsDir}` },
      { action: 'publish', by: 'alice', from: 1, to: 2, message: 'holiday menu' },
      { action: 'rollback', by: 'bob', from: 2, to: 1, message: 'callers confused by the holiday menu' },
    ]);
  });

  it('sends a test caller to the working draft on the same number while another caller reaches the published menu', async () => {
    const { files, a, b } = await setUp({ TEST_CALLERS: `${TESTER},+8613600136000` });
    files.reword(MAIN_MENU_KEY, NEW_MENU);
    // Saved in production: the draft is reloaded (the file watcher does this), nothing is published.
    expect(b.app.reloadFlows('changed: prompts/zh-CN.yaml').ok).toBe(true);
    expect(await menuHeardBy(b, TESTER)).toBe('new');
    expect(await menuHeardBy(b, LI)).toBe('old');
    await b.poll();
    expect(await menuHeardBy(b, LI)).toBe('old');
    // Server A read the draft at start only: its test callers get it once it reloads too.
    expect(await menuHeardBy(a, LI)).toBe('old');
    expect((await a.desk.versions()).releases).toHaveLength(1);
  });

  it('activates a scheduled release when its time passes on the clock', async () => {
    const { world, files, a, b } = await setUp();
    files.reword(MAIN_MENU_KEY, NEW_MENU);
    const midnight = world.clock.now() + 14 * 3_600_000;
    const published = await a.desk.publish({ message: 'holiday menu at midnight', by: 'alice', at: midnight });
    expect(published).toMatchObject({ ok: true, activateAt: midnight });
    await Promise.all([a.poll(), b.poll()]);
    expect(await menuHeardBy(b)).toBe('old');
    expect((await b.desk.versions()).scheduled).toMatchObject([{ activateAt: midnight, by: 'alice' }]);

    world.clock.set(midnight - 1);
    expect(await b.poll()).toEqual({ changed: false });
    world.clock.set(midnight);
    expect(await b.poll()).toEqual({ changed: true });
    expect(await a.poll()).toEqual({ changed: true });
    expect(await menuHeardBy(a)).toBe('new');
    expect(await menuHeardBy(b)).toBe('new');
    expect((await b.desk.versions()).scheduled).toEqual([]);
  });
});
