/**
 * Measures one runtime step as a webhook performs it: restore the persisted JSON, apply the input,
 * persist again. Run: npx tsx src/bench/step-time.ts [steps]
 */
import { loadProject } from '../flow/load/load-project';
import { startCall, step } from '../flow/runtime/runtime';

const steps = Number(process.argv[2] ?? 10_000);
const project = loadProject('flows').project!;
const flow = project.flows.get('general')!;
const at = Date.parse('2026-11-23T10:00:00+08:00');
const start = startCall(flow, { sid: 'CAbench', from: '+8613800138000', to: '+864000066888', country: 'CN', hotline: 'general', timezone: 'Asia/Shanghai' }, 'zh-CN', at);
const stored = JSON.stringify(start.snapshot);

// A wrong key at the main menu re-prompts and waits again: a full turn with no effects.
const run = (n: number) => {
  let json = stored;
  for (let i = 0; i < n; i++) {
    const turn = step(flow, JSON.parse(json), { type: 'digits', digits: '*', now: at + i });
    json = JSON.stringify(turn.snapshot);
  }
  return json;
};
run(1000);
const t0 = process.hrtime.bigint();
const last = run(steps);
const ns = Number(process.hrtime.bigint() - t0);
console.log(`${steps} steps (restore + input + persist): ${(ns / 1e6).toFixed(0)} ms total, ${(ns / steps / 1e3).toFixed(1)} µs per step`);
console.log(`persisted snapshot: ${Buffer.byteLength(stored)} bytes at the menu, ${Buffer.byteLength(last)} bytes after ${steps} steps`);
