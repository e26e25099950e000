import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedClock } from '../../src/platform/clock';
import { manifestOf } from '../../src/releases/release-manifest';
import { openReleaseStore } from '../../src/stores/releases/open-release-store';
import type { NewRelease, ReleaseStore } from '../../src/stores/releases/release-store';
import { testSchema } from '../helpers/external-services';

const T0 = 1_795_400_000_000;
const releaseOf = (files: Record<string, string>, flows: Array<[string, string]>, message: string): NewRelease => {
  const m = manifestOf(Object.entries(files).map(([path, text]) => ({ path, content: Buffer.from(text) })));
  return { id: m.id, manifest: m.manifest, contents: m.contents, flows: flows.map(([flowId, version]) => ({ flowId, version })), message, by: 'alice', createdAt: T0 };
};
const R1 = releaseOf({ 'general.yaml': 'id: general', 'hotlines.yaml': 'hotlines: []' }, [['general', 'aaa111']], 'first');
const R2 = releaseOf({ 'general.yaml': 'id: general # v2', 'hotlines.yaml': 'hotlines: []' }, [['general', 'bbb222']], 'second');

/** One contract, run against every store: memory, a SQLite file and PostgreSQL. */
function contract(name: string, open: () => Promise<ReleaseStore>) {
  describe(`the release store: ${name}`, () => {
    let store: ReleaseStore;
    beforeEach(async () => (store = await open()));
    afterEach(() => store.close());

    it('stores a release once by its id, each content once, numbered in publishing order', async () => {
      expect(await store.put(R1)).toMatchObject({ created: true, release: { seq: 1, id: R1.id } });
      expect(await store.put(R1)).toMatchObject({ created: false, release: { seq: 1 } });
      expect(await store.put(R2)).toMatchObject({ created: true, release: { seq: 2, manifest: R2.manifest, flows: [{ flowId: 'general', version: 'bbb222' }] } });
      expect((await store.content(R1.manifest[1].sha256))?.toString()).toBe('hotlines: []');
      expect((await store.find('2'))?.id).toBe(R2.id);
      expect((await store.find(R1.id.slice(0, 6)))?.seq).toBe(1);
      expect(await store.find('99')).toBeUndefined();
      expect((await store.holding('general', 'aaa111')).map((r) => r.seq)).toEqual([1]);
    });

    it('makes active the release of the latest activation not after now, scheduled ones included', async () => {
      await store.put(R1);
      await store.put(R2);
      expect(await store.activeAt(T0)).toBeUndefined();
      await store.record({ action: 'publish', by: 'alice', at: T0, activateAt: T0, to: R1.id, message: 'first' });
      await store.record({ action: 'publish', by: 'bob', at: T0 + 1, activateAt: T0 + 3_600_000, from: R1.id, to: R2.id, message: 'at midnight' });
      expect(await store.activeAt(T0 + 3_599_999)).toBe(R1.id);
      expect(await store.activeAt(T0 + 3_600_000)).toBe(R2.id);
      await store.record({ action: 'rollback', by: 'carol', at: T0 + 3_700_000, activateAt: T0 + 3_700_000, from: R2.id, to: R1.id, message: 'back' });
      expect(await store.activeAt(T0 + 3_700_000)).toBe(R1.id);
      expect((await store.audit()).map((e) => [e.action, e.by, e.from ?? null, e.to])).toEqual([
        ['publish', 'alice', null, R1.id],
        ['publish', 'bob', R1.id, R2.id],
        ['rollback', 'carol', R2.id, R1.id],
      ]);
    });
  });
}

const clock = new SimulatedClock(T0);
contract('memory', () => openReleaseStore({ kind: 'memory' }, clock));
const dir = mkdtempSync(join(tmpdir(), 'ivr-release-store-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));
contract('a SQLite file', () => openReleaseStore({ kind: 'sqlite', file: join(dir, `ivr-${++n}.db`) }, clock));
const pg = testSchema();
afterAll(() => pg.drop());
contract('PostgreSQL', async () => {
  await pg.fresh();
  const url = new URL(pg.url);
  url.searchParams.delete('schema');
  return openReleaseStore({ kind: 'postgres', url: url.toString(), schema: pg.schema }, clock);
});
