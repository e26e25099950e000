import { spawnSync } from 'node:child_process';
import { CoverageReportSchema } from '../../src/coverage';

const ivr = (...args: string[]) => spawnSync(process.execPath, ['src/cli/bin.js', ...args], { encoding: 'utf8' });

describe('npx ivr test', () => {
  it('--coverage --json: every call script passes and every flow file is fully covered; exit 0', () => {
    const run = ivr('test', '--coverage', '--json');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { scenarios: { ok: boolean }[]; coverage: unknown };
    expect(out.scenarios.every((s) => s.ok)).toBe(true);
    const coverage = CoverageReportSchema.parse(out.coverage);
    expect(coverage.flows.map((f) => f.nodes.percent)).toEqual(coverage.flows.map(() => 100));
  });

  it('--coverage with one call script: prints the table, names the unreached nodes, exits 1 under --min 100', () => {
    const run = ivr('test', '--coverage', '--scenarios', 'test/coverage/fixtures/partial-scenarios');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('✓ press 0 at the general main menu');
    expect(run.stdout).toMatch(/^flows\/general\.yaml\s+4\/24 16\.6%\s+2\/35 5\.7%\s+1\/3 33\.3%\s+0\/11 0\.0%\s+peak_notice, peak_menu, /m);
    expect(run.stdout).toContain('coverage under 100%: flows/account_help.yaml (nodes 0%, transitions 0%, person keys 0%, said 0%); flows/commerce.yaml (nodes 0%, transitions 0%);');
    expect(run.stdout).toContain('flows/general.yaml (nodes 16.6%, transitions 5.7%, person keys 33.3%, said 0%)');
  });

  it('--min 5 passes a count at 5.7 % and more and still fails those at 0 %', () => {
    const run = ivr('test', '--min', '5', '--scenarios', 'test/coverage/fixtures/partial-scenarios');
    expect(run.status).toBe(1);
    // The one call pressed its way through: only the choices said are under 5 % on the general line.
    expect(run.stdout).toContain('flows/general.yaml (said 0%)');
    expect(ivr('test', '--min', '0', '--scenarios', 'test/coverage/fixtures/partial-scenarios').status).toBe(0);
  });

  it('--scenarios takes one call-script file as well as a directory', () => {
    const run = ivr('test', '--scenarios', 'test/coverage/fixtures/partial-scenarios/one-call.scenario.ts');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('1/1 call scripts passed');
  });

  it('lists the person keys never pressed, file by file, as the jest check does', () => {
    const run = ivr('test', '--coverage', '--scenarios', 'test/coverage/fixtures/partial-scenarios');
    expect(run.stdout).toMatch(/flows\/general\.yaml: person key never pressed at\n {2}\w+ --key 0--> /);
  });
});
