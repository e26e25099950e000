import { spawnSync } from 'node:child_process';

const ivr = (...args: string[]) => spawnSync(process.execPath, ['src/cli/bin.js', ...args], { encoding: 'utf8' });
const ivrInZone = (tz: string, ...args: string[]) =>
  spawnSync(process.execPath, ['src/cli/bin.js', ...args], { encoding: 'utf8', env: { ...process.env, TZ: tz } });

describe('npx ivr', () => {
  it('validate flows: prints ok and exits 0', () => {
    const run = ivr('validate', 'flows');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ok flows: \d+ hotlines, \d+ flows .*; \d+ queues, \d+ ticket categories, \d+ agents$/m);
    expect(run.status).toBe(0);
  });

  it('validate a typo, an unknown node type and a bad indentation: file:line:col errors and exit 1', () => {
    const bad = 'test/fixtures/flows/bad';
    const run = ivr('validate', `${bad}/typo-target.yaml`, `${bad}/unknown-type.yaml`, `${bad}/bad-indentation.yaml`, '--flows-dir', 'test/fixtures/flows/good');
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${bad}/typo-target.yaml:12:12 node "main" option "2" goes to "stolenn", which does not exist (did you mean "stolen"?)`,
      expect.stringMatching(new RegExp(`^${bad}/unknown-type.yaml:6:11 nodes.main.type: unknown node type "menuu"`)),
      `${bad}/bad-indentation.yaml:8:6 bad indentation of a mapping entry`,
    ]);
  });

  it('call 400-0066-888 --input "1": the Chinese main menu, then the account branch', () => {
    const run = ivr('call', '400-0066-888', '--input', '1', '--at', '2026-11-23T10:00:00+08:00');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('账号问题请按1');
    expect(run.stdout).toContain('you pressed 1');
    expect(run.stdout).toMatch(/path: .*account_identity/);
  });

  it('decides service hours in the hotline zone whatever the server zone: commerce open at 23:59, closed at 00:00 Beijing time', () => {
    for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
      const late = ivrInZone(tz, 'call', '400-101-5454', '--input', '_', '--at', '2026-11-23T23:59:00+08:00');
      expect(late.stdout).toContain('commerce line open');
      const midnight = ivrInZone(tz, 'call', '400-101-5454', '--input', '_', '--at', '2026-11-24T00:00:00+08:00');
      expect(midnight.stdout).toContain('commerce line closed');
    }
  });
});
