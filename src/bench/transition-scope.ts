/**
 * What the shared inert actor scope saves over xstate's public `transition()`, which builds a new
 * scope (and an actor computing the machine's initial state) on every call. Steps the general
 * flow's main menu with a wrong key, the same turn as step-time.ts, both ways.
 * Run: npx tsx src/bench/transition-scope.ts [steps]
 */
import { transition } from 'xstate';
import { loadProject } from '../flow/load/load-project';
import { startCall } from '../flow/runtime/runtime';
import { inertScope } from '../flow/runtime/inert-scope';
import type { CallContext } from '../flow/runtime/turn';

const steps = Number(process.argv[2] ?? 20_000);
const project = loadProject('flows').project!;
const flow = project.flows.get('general')!;
const at = Date.parse('2026-11-23T10:00:00+08:00');
const start = startCall(flow, { sid: 'CAbench', from: '+8613800138000', to: '+864000066888', country: 'CN', hotline: 'general', timezone: 'Asia/Shanghai' }, 'zh-CN', at);
const context = (now: number): CallContext => ({ ...start.snapshot.context, out: { prompts: [], effects: [] }, now, flowVersion: flow.version });
const restore = (now: number) => flow.machine.resolveState({ value: start.snapshot.value, context: context(now) });

const ways = {
  'shared inert scope': (now: number) => flow.machine.transition(restore(now), { type: 'DIGITS', digits: '*' }, inertScope(flow.machine)),
  'xstate transition()': (now: number) => transition(flow.machine, restore(now), { type: 'DIGITS', digits: '*' })[0],
};
for (const [name, stepOnce] of Object.entries(ways)) {
  for (let i = 0; i < 1000; i++) stepOnce(at + i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < steps; i++) stepOnce(at + i);
  const ns = Number(process.hrtime.bigint() - t0);
  console.log(`${name}: ${steps} steps in ${(ns / 1e6).toFixed(0)} ms, ${(ns / steps / 1e3).toFixed(1)} µs per step`);
}
