import { join } from 'node:path';
import request from 'supertest';
import { DEV_STUDIO_TOKEN } from '../../src/config/studio-users';
import { FlowViewSchema } from '../../src/server/studio/flow-view.schema';
import { servicesWorld, type ServicesWorld } from '../helpers/services-app';
import { MAIN_MENU_KEY, releaseServers } from '../helpers/release-servers';

describe('the flows page on releases', () => {
  let world: ServicesWorld;
  beforeEach(async () => {
    world = await servicesWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('marks the main menu changed once the designer rewords its prompt in the draft, against the active release', async () => {
    const files = releaseServers(world, `sqlite:${join(world.dir, 'data', 'ivr.db')}`);
    try {
      const server = await files.server({ AUTO_PUBLISH: 'off' });
      const read = async () => FlowViewSchema.parse((await request(server.app).get('/studio/api/flows/general').set('Authorization', `Bearer ${DEV_STUDIO_TOKEN}`).expect(200)).body);
      const before = await read();
      expect(before.baseline).toBe('release');
      expect(before.nodes.find((n) => n.id === 'main_menu')?.diff).toBeUndefined();

      files.reword(MAIN_MENU_KEY, '新的主菜单：账号问题请按1。');
      const after = await read();
      const menu = after.nodes.find((n) => n.id === 'main_menu')!;
      expect(menu.diff).toBe('changed');
      expect(menu.prompts[0].words['zh-CN']).toBe('新的主菜单：账号问题请按1。');
      expect(after.nodes.find((n) => n.id === 'welcome')?.diff).toBeUndefined();
    } finally {
      await files.closeAll();
    }
  });
});
