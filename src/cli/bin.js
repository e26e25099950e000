#!/usr/bin/env node
// The `ivr` command. Runs the compiled build (dist/, made by `npm run build`, which `npm ci` runs
// through `prepare`) when it is at least as new as every source file; otherwise the TypeScript
// sources through tsx, so an edited checkout never runs stale code. `ivr test` always runs the
// sources: its call scripts are TypeScript that import the engine's sources.
const { readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function freshBuild() {
  try {
    return statSync(join(root, 'dist', 'BUILD')).mtimeMs >= newestSource(join(root, 'src'));
  } catch {
    return false;
  }
}

if (process.argv[2] !== 'test' && process.env.IVR_FROM_SOURCES !== '1' && freshBuild()) {
  process.env.IVR_BUILD = 'compiled';
  require('../../dist/cli/main.js');
} else {
  process.env.IVR_BUILD = 'sources';
  require('tsx/cjs');
  require('./main.ts');
}
