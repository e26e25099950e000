#!/usr/bin/env node
// The `ivr` command. Loads TypeScript sources through tsx so `npx ivr …` works straight after `npm ci`.
require('tsx/cjs');
require('./main.ts');
