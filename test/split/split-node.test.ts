import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCall } from '../../src/call/open-call';
import { loadProject, type Project } from '../../src/flow/load/load-project';
import { step } from '../../src/flow/runtime/runtime';
import { chooseVariant } from '../../src/flow/runtime/choose-variant';

const DIR = 'test/fixtures/flows/split';
const project = loadProject(DIR).project!;
const at = Date.parse('2026-11-23T10:00:00+08:00');
const SPLIT = 'ab/greeting_test';

let sid = 0;
/** A caller dials the experiment line: the variant the split gave them, and where they are. */
function dial(from: string, p: Project = project) {
  const opened = openCall(p, { sid: `CA${++sid}`, to: '400-000-0002', from, now: at });
  if (opened.kind !== 'answered') throw new Error('the experiment line is not in service');
  return { variant: opened.turn.snapshot.context.variants?.[SPLIT], turn: opened.turn, flow: opened.flow };
}
const caller = (i: number) => `+86138${String(i).padStart(8, '0')}`;

describe('an A/B split sends callers to weighted variants, each caller always to the same one', () => {
  it('sends 30 % and 70 % of 10,000 callers to short and current (±2 %)', () => {
    const counts = { short: 0, current: 0 };
    for (let i = 0; i < 10_000; i++) counts[dial(caller(i)).variant as keyof typeof counts]++;
    expect(Math.abs(counts.short / 10_000 - 0.3)).toBeLessThan(0.02);
    expect(counts.short + counts.current).toBe(10_000);
  });

  it('gives a caller who calls again the same variant, and plays its menu', () => {
    const first = dial('+8613800138000');
    const again = dial('+8613800138000');
    expect(again.variant).toBe(first.variant);
    const heard = again.turn.prompts.map((p) => ('text' in p ? p.text : '')).join('');
    expect(heard).toContain(first.variant === 'short' ? '查询请按1，投诉请按2' : '欢迎致电实验热线');
    expect(again.turn.snapshot.context.vars.split_greeting_test).toBe(first.variant);
    expect(again.turn.snapshot.context.path).toEqual(['greeting_test', first.variant === 'short' ? 'main_menu_short' : 'main_menu']);
  });

  it('keeps the variant for the rest of the call: a ticket summary can name it', () => {
    const { turn, flow, variant } = dial('+8613800138001');
    const next = step(flow, JSON.parse(JSON.stringify(turn.snapshot)), { type: 'digits', digits: '2', now: at + 5000 });
    expect(next.effects[0]).toMatchObject({ kind: 'createTicket', args: { summary: `complaint (greeting ${variant})` } });
    expect(next.snapshot.context.variants).toEqual({ [SPLIT]: variant });
  });

  it('draws a withheld caller ID by the call instead, so anonymous callers do not all share one variant', () => {
    const counts = { short: 0, current: 0 };
    for (let i = 0; i < 1000; i++) counts[dial('anonymous').variant as keyof typeof counts]++;
    expect(counts.short).toBeGreaterThan(200);
    expect(counts.current).toBeGreaterThan(600);
  });

  it('may reshuffle callers when a new version of the flow is published, never within one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'split-'));
    try {
      cpSync(DIR, dir, { recursive: true });
      writeFileSync(join(dir, 'ab.yaml'), readFileSync(join(dir, 'ab.yaml'), 'utf8').replace('您的申请正在处理中。', '您的申请正在加急处理中。'));
      const next = loadProject(dir).project!;
      expect(next.flows.get('ab')!.version).not.toBe(project.flows.get('ab')!.version);
      let moved = 0;
      for (let i = 0; i < 1000; i++) {
        const before = dial(caller(i)).variant;
        expect(dial(caller(i), next).variant).toBe(dial(caller(i), next).variant);
        if (dial(caller(i), next).variant !== before) moved++;
      }
      // Independent draws of 30/70 disagree for 2 × 0.3 × 0.7 = 42 % of callers.
      expect(moved).toBeGreaterThan(300);
      expect(moved).toBeLessThan(540);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends about half of 1,000 callers to each side of a 50/50 split (±5 %), each caller always to the same side', () => {
    const variants = [
      { name: 'a', weight: 50 },
      { name: 'b', weight: 50 },
    ];
    const draw = (i: number) => chooseVariant(variants, { caller: caller(i), flowId: 'general', version: '3f9c2a1b0d4e', node: 'greeting_test' });
    let a = 0;
    for (let i = 0; i < 1000; i++) {
      if (draw(i) === 'a') a++;
      expect(draw(i)).toBe(draw(i));
    }
    expect(Math.abs(a / 1000 - 0.5)).toBeLessThan(0.05);
  });

  it('sends nobody to a variant of weight 0', () => {
    const variants = [
      { name: 'paused', weight: 0 },
      { name: 'a', weight: 1 },
      { name: 'b', weight: 1 },
    ];
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(chooseVariant(variants, { caller: caller(i), flowId: 'f', version: 'v1', node: 'n' }));
    expect([...seen].sort()).toEqual(['a', 'b']);
  });
});
