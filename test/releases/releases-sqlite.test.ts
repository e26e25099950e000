import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';
import { MAIN_MENU_KEY, releaseServers } from '../helpers/release-servers';
import { ADMIN_TOKEN } from '../helpers/webhook-app';

const NEW_MENU = '节日期间，账号问题请按1，电商服务请按3，人工服务请按0。';
const LI = '+8613700137000';

/**
 * Releases on the default store, a SQLite file: the first start publishes the working files,
 * development publishes a save at once, and the admin API publishes, lists, diffs and rolls back.
 */
describe('releases in the SQLite file', () => {
  let world: ServicesWorld;
  let files: ReturnType<typeof releaseServers>;
  beforeEach(async () => {
    world = await servicesWorld();
    files = releaseServers(world, `sqlite:${join(world.dir, 'data', 'ivr.db')}`);
  });
  afterEach(async () => {
    await files.closeAll();
    await world.close();
  });
  const admin = (app: Parameters<typeof request>[0]) => ({
    get: (path: string) => request(app).get(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`),
    post: (path: string, body: object = {}) => request(app).post(path).set('Authorization', `Bearer ${ADMIN_TOKEN}`).send(body),
  });
  const menuHeard = async (server: Awaited<ReturnType<typeof files.server>>) => {
    const caller = server.caller(LI);
    await caller.ring();
    return caller.heard().join(' ').includes(NEW_MENU) ? 'new' : 'old';
  };

  it('publishes a saved file at once in development ("saved <file>"), and GET /api/flows names the release new calls start on', async () => {
    const server = await files.server({ AUTO_PUBLISH: 'on' });
    files.reword(MAIN_MENU_KEY, NEW_MENU);
    expect((await server.app.flowsChanged('changed: prompts/zh-CN.yaml')).ok).toBe(true);
    expect(await menuHeard(server)).toBe('new');
    const { releases, active, audit } = await server.desk.versions();
    expect(releases.map((r) => [r.seq, r.message, r.by])).toEqual([
      [1, `first start: the files in ${files.flowsDir}`, 'server 1'],
      [2, 'saved prompts/zh-CN.yaml', 'ivr serve (development)'],
    ]);
    expect(active).toBe(releases[1].id);
    expect(audit).toHaveLength(2);
    const flows = await admin(server.app).get('/api/flows');
    expect(flows.body.release).toBe(releases[1].id);
    const general = (flows.body.flows as Array<{ id: string; versions: unknown[] }>).find((f) => f.id === 'general');
    expect(general?.versions).toHaveLength(2);
  });

  it('does not publish a save in production-like settings; SIGHUP reloads the draft and checks the database', async () => {
    const server = await files.server();
    files.reword(MAIN_MENU_KEY, NEW_MENU);
    expect((await server.app.flowsChanged('SIGHUP')).ok).toBe(true);
    expect(await menuHeard(server)).toBe('old');
    expect((await server.desk.versions()).releases).toHaveLength(1);
  });

  it('publishes, lists, diffs and rolls back through the admin API, naming the admin token in the audit', async () => {
    const server = await files.server({ ADMIN_TOKEN_NAME: 'ops-team' });
    const api = admin(server.app);
    files.reword(MAIN_MENU_KEY, NEW_MENU);
    const draftDiff = await api.get('/api/releases/active/diff/draft');
    expect(draftDiff.status).toBe(200);
    expect(draftDiff.body.text).toBe(`  prompts zh-CN: ~${MAIN_MENU_KEY}\n`);

    const published = await api.post('/api/releases', { message: 'holiday menu', by: 'alice' });
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({ release: { seq: 2, active: true, message: 'holiday menu', by: 'alice (ops-team)' }, unchanged: false });
    expect(await menuHeard(server)).toBe('new');

    const rolled = await api.post('/api/releases/1/activate');
    expect(rolled.status).toBe(200);
    expect(rolled.body).toMatchObject({ release: { seq: 1, active: true }, from: published.body.release.id });
    expect(await menuHeard(server)).toBe('old');

    const list = await api.get('/api/releases');
    expect(list.body.audit.map((e: { action: string; by: string }) => `${e.action} by ${e.by}`)).toEqual(['publish by server 1', 'publish by alice (ops-team)', 'rollback by ops-team']);
    expect((await api.get('/api/releases/1/diff/2')).body.catalogue).toEqual([{ lang: 'zh-CN', added: [], removed: [], changed: [MAIN_MENU_KEY] }]);
    expect((await api.post('/api/releases/99/activate')).status).toBe(404);
  });

  it('cancels a scheduled release: at its time the release before it stays active, and the audit says who cancelled it', async () => {
    const server = await files.server();
    files.reword(MAIN_MENU_KEY, NEW_MENU);
    const midnight = world.clock.now() + 14 * 3_600_000;
    const scheduled = await server.desk.publish({ message: 'holiday menu at midnight', by: 'alice', at: midnight });
    expect(scheduled).toMatchObject({ ok: true, activateAt: midnight });
    expect((await server.desk.versions()).scheduled).toHaveLength(1);

    const { cancelled } = await server.desk.cancel({ ref: '2', by: 'bob' });
    expect(cancelled.map((e) => e.activateAt)).toEqual([midnight]);
    const after = await server.desk.versions();
    expect(after.scheduled.map((e) => [e.to, e.message])).toEqual([[after.releases[0].id, 'cancelled: release 2 does not go live then']]);
    await expect(server.desk.cancel({ ref: '2', by: 'bob' })).rejects.toThrow('release 2 is not scheduled to go live: nothing to cancel');

    world.clock.set(midnight);
    expect(await server.desk.active(world.clock.now())).toMatchObject({ seq: 1 });
    expect(await menuHeard(server)).toBe('old');
    expect(after.audit.map((e) => `${e.action} by ${e.by}`)).toEqual(['publish by server 1', 'publish by alice', 'rollback by bob']);
  });

  it('refuses to publish working files that do not validate, with file:line:col', async () => {
    const server = await files.server();
    writeFileSync(join(files.flowsDir, 'general.yaml'), 'id: general\nlanguages: [zh-CN]\nstart: nowhere\nnodes: {}\n');
    const refused = await admin(server.app).post('/api/releases', { message: 'broken' });
    expect(refused.status).toBe(422);
    expect(refused.body.diagnostics[0]).toMatch(/general\.yaml:\d+:\d+ /);
    const published = await server.desk.publish({ message: 'broken', by: 'alice' });
    expect(published.ok).toBe(false);
    expect((await server.desk.versions()).releases).toHaveLength(1);
  });
});
