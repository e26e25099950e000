import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentCalling, agentServes, callbackPolicyOf, queuePriority, slaMinutesOf } from '../../src/call-centre/call-centre';
import { loadCallCentre } from '../../src/call-centre/load-call-centre';
import { formatDiagnostic } from '../../src/diagnostics';
import { loadProject } from '../../src/flow/load/load-project';

const ivr = (...args: string[]) => spawnSync(process.execPath, ['src/cli/bin.js', ...args], { encoding: 'utf8' });

/** A copy of the shipped flows directory a test may edit. */
function flowsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'centre-'));
  cpSync('flows', dir, { recursive: true });
  return dir;
}
const edit = (dir: string, file: string, change: (text: string) => string) => writeFileSync(join(dir, file), change(readFileSync(join(dir, file), 'utf8')));
const problems = (dir: string) => loadProject(dir).diagnostics.map(formatDiagnostic).map((line) => line.slice(dir.length + 1));

describe('the call centre: queues.yaml, ticket-categories.yaml and agents.yaml beside the flows', () => {
  let dir: string;
  beforeEach(() => {
    dir = flowsCopy();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('the shipped files load: queues by class, promises by category, call back policies, agents by phone or Client identity', () => {
    const { centre, diagnostics } = loadCallCentre('flows');
    expect(diagnostics).toEqual([]);
    expect([...centre!.queues.keys()]).toEqual(['urgent', 'enterprise', 'callback', 'account', 'appeal', 'commerce', 'international', 'general']);
    expect(queuePriority(centre!, 'urgent')).toBe('urgent');
    expect(queuePriority(centre!, 'enterprise')).toBe('high');
    expect(queuePriority(centre!, 'account')).toBe('normal');
    expect(slaMinutesOf(centre!, 'emergency')).toBe(15);
    expect(slaMinutesOf(centre!, 'appeal')).toBe(24 * 60);
    expect(callbackPolicyOf(centre!, 'emergency')).toEqual({ withinMinutes: 15, maxAttempts: 3, retryMinutes: 3, ringSec: 30 });
    expect(callbackPolicyOf(centre!, 'account')).toBeUndefined();
    expect(centre!.categories.get('system_fault')?.progressEveryMinutes).toBe(30);
    const zhang = agentCalling(centre!, '+8613800000101')!;
    expect(zhang.id).toBe('zhang-wei');
    expect(agentCalling(centre!, 'client:li-na')?.id).toBe('li-na');
    expect(agentCalling(centre!, '+8613800000999')).toBeUndefined();
    expect(agentServes(zhang, centre!.queues.get('urgent')!, 'zh-CN')).toBe(true);
    expect(agentServes(zhang, centre!.queues.get('urgent')!, 'en-US')).toBe(false);
    expect(agentServes(zhang, centre!.queues.get('commerce')!, 'zh-CN')).toBe(false);
  });

  it('adding a queue "live" and a category "live_ban" is a YAML edit: ivr validate checks it and a flow using them runs in ivr call', () => {
    appendFileSync(join(dir, 'queues.yaml'), ['', '  - id: live', '    name: { zh-CN: 直播服务, en-US: Live streaming }', '    skills: [live]', '    languages: [zh-CN]', '    maxWaitSec: 90', '    overflow: { offer: callback }', ''].join('\n'));
    appendFileSync(join(dir, 'ticket-categories.yaml'), ['', '  - id: live_ban', '    name: { zh-CN: 直播封禁, en-US: Live ban }', '    slaMinutes: 720', '    queue: live', ''].join('\n'));
    writeFileSync(
      join(dir, 'live.yaml'),
      [
        'id: live',
        'languages: [zh-CN]',
        'start: menu',
        'globals:',
        "  human: { key: '0', target: agent }",
        'nodes:',
        '  menu:',
        '    type: menu',
        "    prompt: { zh-CN: '直播间被封禁请按1，其他直播问题请按2。' }",
        '    options:',
        "      '1': ban_ticket",
        "      '2': agent",
        '  ban_ticket:',
        '    type: ticket',
        '    category: live_ban',
        '    next: bye',
        '  agent:',
        '    type: transfer',
        '    queue: live',
        '  bye:',
        '    type: hangup',
        '',
      ].join('\n'),
    );
    edit(dir, 'hotlines.yaml', (t) =>
      t.replace(
        'hotlines:\n',
        ['hotlines:', '  - id: live', '    name: { zh-CN: 直播服务, en-US: Live streaming }', "    numbers: ['400-666-1234']", '    timezone: Asia/Shanghai', '    hours: 24h', '    languages: [zh-CN]', '    flow: live', '    afterHoursFlow: live', '    sms:', "      from: '+8610690000009'", ''].join('\n'),
      ),
    );

    const validate = ivr('validate', dir);
    expect(validate.stderr).toBe('');
    expect(validate.stdout).toMatch(/5 hotlines, 14 flows .*; 9 queues, 10 ticket categories, 3 agents/);
    const ban = ivr('call', '400-666-1234', '--flows-dir', dir, '--input', '1', '--at', '2026-11-23T10:00:00+08:00');
    expect(ban.status).toBe(0);
    expect(ban.stdout).toContain('直播间被封禁请按1');
    expect(ban.stdout).toMatch(/已为您登记工单/);
    expect(ban.stdout).toMatch(/12小时/);
    const person = ivr('call', '400-666-1234', '--flows-dir', dir, '--input', '2', '--at', '2026-11-23T10:00:00+08:00');
    expect(person.status).toBe(0);
    expect(person.stdout).toMatch(/queue live/);
  });

  it('a flow naming a queue or a category the centre does not have fails with file:line:col and a suggestion', () => {
    edit(dir, 'general.yaml', (t) => t.replace('queue: urgent', 'queue: urgnet'));
    edit(dir, 'account_help.yaml', (t) => t.replace(/category: (\w+)/, 'category: acount'));
    expect(problems(dir)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^account_help\.yaml:\d+:\d+ ticket category "acount" is not in ticket-categories\.yaml \(did you mean "account"\?\)/),
        expect.stringMatching(/^general\.yaml:\d+:\d+ queue "urgnet" is not in queues\.yaml \(did you mean "urgent"\?\)/),
      ]),
    );
  });

  it('wrong references inside the centre: an overflow to a missing queue, an overflow chain, a category of no queue, an unknown skill, two agents on one phone', () => {
    edit(dir, 'queues.yaml', (t) => t.replace('overflow: { queue: general }', 'overflow: { queue: generl }'));
    edit(dir, 'queues.yaml', (t) => t.replace("class: vip\n    skills: [account, appeal, commerce, general, enterprise]", "class: vip\n    skills: [account, appeal, commerce, general, enterprise]\n    overflow: { queue: account }").replace('    overflow: { offer: voicemail }\n\n  - id: account', '\n  - id: account'));
    edit(dir, 'ticket-categories.yaml', (t) => t.replace('queue: appeal', 'queue: apeal'));
    edit(dir, 'agents.yaml', (t) => t.replace('skills: [security, account, general]', 'skills: [securty, account, general]').replace("phone: '+8613800000103'", "phone: '+8613800000101'"));
    const lines = problems(dir);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^queues\.yaml:\d+:\d+ queue "account" overflows to queue "generl", which is not defined \(did you mean "general"\?\)/),
        expect.stringMatching(/^ticket-categories\.yaml:\d+:\d+ category "appeal" is handled by queue "apeal", which queues\.yaml does not have \(did you mean "appeal"\?\)/),
        expect.stringMatching(/^agents\.yaml:\d+:\d+ agent "zhang-wei" has skill "securty", which no queue in queues\.yaml asks for \(did you mean "security"\?\)/),
        expect.stringMatching(/^agents\.yaml:\d+:\d+ agent "emma-chen" has the phone "\+861380000\*\*\*\*" of agent "zhang-wei"/),
      ]),
    );
  });

  it('an overflow that would move a caller twice is refused; so is a missing queues.yaml', () => {
    edit(dir, 'queues.yaml', (t) => t.replace("    overflow: { offer: callback }\n\n  - id: enterprise", "    overflow: { queue: account }\n\n  - id: enterprise"));
    expect(problems(dir)).toEqual([expect.stringMatching(/^queues\.yaml:\d+:\d+ queue "urgent" overflows to "account", which overflows to another queue in turn/)]);
    rmSync(join(dir, 'queues.yaml'));
    expect(problems(dir)[0]).toMatch(/^queues\.yaml:1:1 no queues\.yaml: every flows directory defines/);
  });

  it("a category's SMS text with a placeholder it cannot fill is refused where it is written", () => {
    edit(dir, 'ticket-categories.yaml', (t) => t.replace('安全专员将在{sla}内', '安全专员将在{slaMinutes}内'));
    expect(problems(dir)).toEqual([expect.stringMatching(/^ticket-categories\.yaml:\d+:\d+ .*unknown placeholder \{slaMinutes\}: an SMS text may use \{ticketId\}, \{sla\}, \{category\}/)]);
  });

  it('a mistyped key in queues.yaml is answered with its place and a suggestion', () => {
    edit(dir, 'queues.yaml', (t) => t.replace('maxWaitSec: 60', 'maxWaitSecs: 60'));
    expect(problems(dir)[0]).toMatch(/^queues\.yaml:\d+:\d+ .*maxWaitSecs.*\(did you mean "maxWaitSec"\?\)/);
  });
});
