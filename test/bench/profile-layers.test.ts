import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { profileLayers, renderLayers } from '../../src/bench/profile-layers';

const dir = mkdtempSync(join(tmpdir(), 'ivr-profile-layers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A V8 CPU profile whose samples spent `us` in each frame. */
function aProfile(name: string, frames: [functionName: string, url: string, us: number][]): string {
  const file = join(dir, name);
  const nodes = frames.map(([functionName, url], i) => ({ id: i + 1, callFrame: { functionName, url, lineNumber: 0 } }));
  writeFileSync(file, JSON.stringify({ nodes, samples: nodes.map((n) => n.id), timeDeltas: frames.map(([, , us]) => us) }));
  return file;
}

it('puts each sample in the layer of the turn it was spent in, and leaves idle and start-up out of the shares', () => {
  const file = aProfile('after.cpuprofile', [
    ['(idle)', '', 5000],
    ['sqliteTransaction', 'file:///app/node_modules/better-sqlite3/lib/methods/transaction.js', 300],
    ['saveSync', 'file:///app/dist/stores/session/sqlite/sqlite-session-store.js', 100],
    ['macrostep', 'file:///app/node_modules/xstate/dist/raise.cjs.js', 200],
    ['writev', '', 200],
    ['next', 'file:///app/node_modules/router/index.js', 100],
    ['wrapSafe', 'node:internal/modules/cjs/loader', 900],
    ['(garbage collector)', '', 100],
  ]);
  const layers = profileLayers(file);
  expect(layers.get('SQLite (driver, commits, stores)')).toBe(400);
  expect(layers.get('flow runtime (xstate, machine, steps)')).toBe(200);
  expect(layers.get('HTTP and sockets (Node)')).toBe(200);
  expect(layers.get('Express, body parsing, routing')).toBe(100);
  const table = renderLayers([file]);
  expect(table).toContain('| SQLite (driver, commits, stores) | 40.0 % |');
  expect(table).not.toContain('idle');
  expect(table).not.toContain('start-up');
});
