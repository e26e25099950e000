import { spawnSync } from 'node:child_process';
import { filesBelow, hear, loadScenarios, press, reach, runSuite, say, ScenarioSchema, type ScenarioInput } from '../../src/coverage';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';

/**
 * Coverage of a line that listens (test/fixtures/flows/speech, the 直播服务 line with speech on):
 * `said <key>` per option with phrases of a spoken menu, covered only when the option was chosen
 * by words; `said person` / `said emergency` once per flow, covered when the intent routed a call
 * from anywhere in it. The same count for `ivr test --coverage` and the jest check (filesBelow).
 */
const SPEECH = 'test/fixtures/flows/speech';
const project = loadProjectOrThrow(SPEECH);
const ivr = (...args: string[]) => spawnSync(process.execPath, ['src/cli/bin.js', ...args], { encoding: 'utf8' });

const call = (name: string, steps: ScenarioInput['steps']) => ScenarioSchema.parse({ name, dial: '400-666-1234', at: '2026-11-23T10:00:00+08:00', steps });
const live = async (...scenarios: ReturnType<typeof call>[]) => {
  const { results, coverage } = await runSuite(project, [{ file: 'said', scenarios }]);
  expect(results.map((r) => r.failures)).toEqual(scenarios.map(() => []));
  expect(coverage.problems).toEqual([]);
  return coverage.flows.find((f) => f.flow === 'live')!;
};

describe('coverage of choices said aloud', () => {
  it('a menu that listens has one said edge per option with phrases, and the flow one per global intent', async () => {
    const flow = await live();
    expect(flow.said).toEqual({ hit: 0, total: 5, percent: 0 });
    expect(flow.untakenSaid).toEqual([
      'menu --said 1--> ban_ticket',
      'menu --said 2--> earnings',
      'menu --said 3--> other',
      '(any spoken menu) --said emergency--> stolen',
      '(any spoken menu) --said person--> agent',
    ]);
  });

  it('saying 收益 covers menu --said 2--> earnings, not the key\'s transition menu --2--> earnings', async () => {
    const flow = await live(call('says 收益', [say('收益')]));
    expect(flow.untakenSaid).not.toContain('menu --said 2--> earnings');
    expect(flow.untakenTransitions).toContain('menu --2--> earnings');
  });

  it('pressing 2 covers the transition, not the option said', async () => {
    const flow = await live(call('presses 2', [press('2')]));
    expect(flow.untakenTransitions).not.toContain('menu --2--> earnings');
    expect(flow.untakenSaid).toContain('menu --said 2--> earnings');
  });

  it('a mumble heard at 30 % and confirmed with a yes counts as option 3 said', async () => {
    const flow = await live(call('mumbles 其他 and confirms', [say('嗯其他问题', 0.3), hear('您要办理的是其他问题吗'), say('是的'), reach('other')]));
    expect(flow.untakenSaid).not.toContain('menu --said 3--> other');
    expect(flow.untakenTransitions).toContain('menu --3--> other');
  });

  it('asking for a person at the phone-number entry covers said person for the whole flow, and the person key stays unpressed', async () => {
    const flow = await live(call('says 收益 then 人工', [say('收益'), say('转人工')]));
    expect(flow.untakenSaid).not.toContain('(any spoken menu) --said person--> agent');
    expect(flow.untakenPersonKeys).toEqual(['menu --key 0--> agent', 'earnings --key 0--> agent']);
  });

  it('a person asked for at 30 % and confirmed with a yes counts as said person', async () => {
    const flow = await live(call('asks for a person, unsure, confirms', [say('转人工', 0.3), hear('您是要转人工服务吗'), say('是')]));
    expect(flow.untakenSaid).not.toContain('(any spoken menu) --said person--> agent');
  });

  it('the emergency said at the menu covers said emergency; words nobody understands cover nothing', async () => {
    const flow = await live(call('says the account was stolen', [say('我的账号被盗了')]), call('says nonsense three times', [say('啊啊啊'), say('啊啊啊'), say('啊啊啊')]));
    expect(flow.untakenSaid).not.toContain('(any spoken menu) --said emergency--> stolen');
    expect(flow.said.hit).toBe(1);
  });

  it('a flow that takes keys only has nothing to say: 0/0, never under --min', async () => {
    const { coverage } = await runSuite(project, loadScenarios(`${SPEECH}/tests`));
    const night = coverage.flows.find((f) => f.flow === 'live_closed')!;
    expect(night.said).toEqual({ hit: 0, total: 0, percent: 100 });
    expect(filesBelow(coverage, 100)).toEqual([]);
    expect(coverage.said).toEqual({ hit: 5, total: 5, percent: 100 });
  });

  it('filesBelow names a flow short on choices said, as ivr test --min does', async () => {
    const { coverage } = await runSuite(project, [{ file: 'keys only', scenarios: [call('presses 1', [press('1')])] }]);
    expect(filesBelow(coverage, 100).find((f) => f.flow === 'live')?.below).toContain('said 0%');
  });
});

describe('ivr test on a line that listens', () => {
  it('--coverage: a said column, every option said and both intents, exit 0', () => {
    const run = ivr('test', 'live', '--coverage', '--flows-dir', SPEECH);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^file\s+nodes\s+transitions\s+person keys\s+said\s+unreached nodes$/m);
    expect(run.stdout).toMatch(/live\.yaml\s+9\/9 100%\s+8\/8 100%\s+2\/2 100%\s+5\/5 100%/);
    expect(run.stdout).toMatch(/live_closed\.yaml\s+6\/6 100%\s+4\/4 100%\s+1\/1 100%\s+0\/0 100%/);
  });

  it('a failing script shows what the caller said and how it was understood, then the say step that led there', () => {
    const run = ivr('test', 'test/coverage/fixtures/said-scripts/wrong-option.calls.yaml', '--flows-dir', SPEECH, '--coverage');
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines).toContain('    ☎️  caller said "我的房间被关了" (confidence 0.8)');
    expect(lines).toContain('    👂 not understood');
    expect(run.stdout).toContain('test/coverage/fixtures/said-scripts/wrong-option.calls.yaml:8:9: step 2 (reach ban_ticket)');
    expect(run.stdout).toMatch(/live\.yaml: never chosen by words\n {2}menu --said 1--> ban_ticket\n/);
    expect(run.stdout).toMatch(/coverage under 100%: .*live\.yaml \(nodes [\d.]+%, transitions [\d.]+%, person keys 0%, said 0%\)/);
  });
});
