import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NEW_LINE = 'test/fixtures/new-hotline';
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 240_000 });
const ivr = (...args: string[]) => run(['src/cli/bin.js', ...args]);

/**
 * What a flow designer does to add the 直播服务 line, with YAML files only: a queue and a ticket
 * category, the line in hotlines.yaml, its flow and after-hours flow, its call scripts. No
 * TypeScript is edited, and the suite's flow checks pass on the result.
 */
describe('a new hotline added with YAML files only', () => {
  let dir: string;
  let docs: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'new-line-'));
    docs = join(dir, 'docs-flows');
    cpSync('flows', join(dir, 'flows'), { recursive: true });
    const flows = join(dir, 'flows');
    appendFileSync(join(flows, 'queues.yaml'), readFileSync(join(NEW_LINE, 'queue.yaml'), 'utf8'));
    appendFileSync(join(flows, 'ticket-categories.yaml'), readFileSync(join(NEW_LINE, 'category.yaml'), 'utf8'));
    const hotlines = readFileSync(join(flows, 'hotlines.yaml'), 'utf8');
    writeFileSync(join(flows, 'hotlines.yaml'), hotlines.replace('hotlines:\n', `hotlines:\n${readFileSync(join(NEW_LINE, 'hotline.yaml'), 'utf8')}`));
    for (const f of ['live.yaml', 'live_closed.yaml']) cpSync(join(NEW_LINE, f), join(flows, f));
    cpSync(join(NEW_LINE, 'tests', 'live.calls.yaml'), join(flows, 'tests', 'live.calls.yaml'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('passes ivr validate', () => {
    const validate = ivr('validate', join(dir, 'flows'));
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toMatch(/5 hotlines, 15 flows .*live@.*live_closed@.*; 9 queues, 10 ticket categories/);
  });

  it('passes ivr test live --coverage at 100 %, counting only the line\'s own flows', () => {
    const test = ivr('test', 'live', '--coverage', '--flows-dir', join(dir, 'flows'));
    expect(test.stderr).toBe('');
    expect(test.status).toBe(0);
    expect(test.stdout).toContain('5/5 call scripts passed');
    const table = test.stdout.slice(test.stdout.indexOf('file '));
    expect(table.match(/\.yaml\s/g)).toHaveLength(2);
    expect(table).toMatch(/live\.yaml\s+5\/5 100%\s+4\/4 100%\s+1\/1 100%/);
    expect(table).toMatch(/live_closed\.yaml\s+6\/6 100%\s+4\/4 100%\s+1\/1 100%/);
    expect(table).toMatch(/all files\s+11\/11 100%\s+8\/8 100%\s+2\/2 100%/);
  });

  it("passes the suite's flow checks (call scripts, coverage of every key and person key, every line in and out of hours, diagrams regenerated)", () => {
    expect(ivr('diagram', '--write', docs, '--flows-dir', join(dir, 'flows')).status).toBe(0);
    const jest = run(
      ['node_modules/jest/bin/jest.js', '--ci', '--verbose', 'test/flows/call-script-coverage.test.ts', 'test/coverage/flow-coverage.test.ts', 'test/ops/flow-diagrams.test.ts'],
      { FLOWS_DIR: join(dir, 'flows'), FLOW_DOCS_DIR: docs },
    );
    expect(jest.stderr).toMatch(/Tests: +\d+ passed, \d+ total/);
    expect(jest.stderr).toContain('直播间被封禁的主播登记工单');
    expect(jest.status).toBe(0);
  });
});
