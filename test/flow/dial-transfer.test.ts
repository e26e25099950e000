import { loadProject } from '../../src/flow/load/load-project';
import { CallStuckError, startCall, step } from '../../src/flow/runtime/runtime';
import type { CallInfo, CallSnapshot, DialStatus } from '../../src/flow/runtime/turn';
import { simulateCall } from '../../src/sim/simulate-call';

const project = loadProject('test/fixtures/flows/dial').project!;
const desk = project.flows.get('desk')!;
const call: CallInfo = { sid: 'CA1', from: '+8613800138000', to: '+864000000001', country: 'CN', hotline: 'desk', timezone: 'Asia/Shanghai' };
const at = Date.parse('2026-11-23T21:00:00+08:00');
const texts = (t: { prompts: Array<{ text: string } | { audio: string }> }) => t.prompts.map((p) => ('text' in p ? p.text : p.audio));

/** The caller pressed 1: the desk's number rings. */
function ringing(): CallSnapshot {
  const start = startCall(desk, call, 'en-US', at);
  return step(desk, start.snapshot, { type: 'digits', digits: '1', now: at + 2_000 }).snapshot;
}
const dialEnds = (status: DialStatus, durationSec = 0, callerLeft?: boolean) =>
  step(desk, ringing(), { type: 'dialResult', status, durationSec, ...(callerLeft !== undefined ? { callerLeft } : {}), now: at + 30_000 });

describe('a transfer to a number waits for the dial instead of ending the flow', () => {
  it('says it is connecting, then waits for the dial with the ring time, the caller ID default and ringing for the caller', () => {
    const start = startCall(desk, call, 'en-US', at);
    const turn = step(desk, start.snapshot, { type: 'digits', digits: '1', now: at + 2_000 });
    expect(texts(turn)).toEqual(['Connecting you to the security desk.']);
    expect(turn.await).toEqual({ kind: 'dial', number: '+861012345678', timeoutSec: 15, answerOnBridge: true });
    expect(turn.end).toBeUndefined();
    expect(turn.snapshot.status).toBe('active');
    expect(turn.snapshot.context.node).toBe('security');
  });

  it.each(['completed', 'answered'] as const)('a dial that ends %s was answered: the call ends with the talk time', (status) => {
    const turn = dialEnds(status, 184);
    expect(turn.dialled).toEqual({ number: '+861012345678', result: 'answered', talkSec: 184 });
    expect(turn.end).toEqual({ kind: 'hangup' });
    expect(turn.snapshot.status).toBe('done');
    expect(turn.prompts).toEqual([]);
  });

  it('busy goes on at the fallback, whose branch reads transferResult', () => {
    const turn = dialEnds('busy');
    expect(turn.dialled).toEqual({ number: '+861012345678', result: 'busy', talkSec: 0 });
    expect(turn.snapshot.context.vars.transferResult).toBe('busy');
    expect(texts(turn)).toEqual(['The security desk is busy.', 'Connecting you to an agent, please hold.']);
    expect(turn.end).toEqual({ kind: 'transfer', queue: 'urgent', priority: 'urgent' });
    expect(turn.snapshot.context.path).toEqual(['main', 'security', 'missed', 'desk_busy', 'agent']);
  });

  it.each(['no-answer', 'failed', 'canceled'] as const)('%s goes on at the fallback with transferResult set', (status) => {
    const turn = dialEnds(status, 0);
    expect(turn.dialled).toEqual({ number: '+861012345678', result: status, talkSec: 0 });
    expect(turn.snapshot.context.vars.transferResult).toBe(status);
    expect(texts(turn)).toEqual(['Nobody at the security desk could take your call; they will call you back.']);
    expect(turn.effects).toEqual([expect.objectContaining({ kind: 'createTicket', args: expect.objectContaining({ category: 'callback', summary: `security desk unreachable (${status})` }) })]);
  });

  it('a talk time on an unanswered dial is not counted', () => {
    expect(dialEnds('no-answer', 99).dialled?.talkSec).toBe(0);
  });

  it('a caller who hung up while it rang is not led through the fallback: the call is over, nothing said', () => {
    const turn = dialEnds('no-answer', 0, true);
    expect(turn.dialled).toEqual({ number: '+861012345678', result: 'no-answer', talkSec: 0 });
    expect(turn.prompts).toEqual([]);
    expect(turn.end).toBeUndefined();
    expect(turn.await).toBeUndefined();
    expect(turn.snapshot.status).toBe('done');
    expect(turn.snapshot.context.outcome).toBe('hungUp');
  });

  it('is pure: the same ringing call and dial result give the same turn', () => {
    const snapshot = ringing();
    const input = { type: 'dialResult' as const, status: 'busy' as const, durationSec: 0, now: at + 9_000 };
    expect(step(desk, JSON.parse(JSON.stringify(snapshot)), input)).toEqual(step(desk, snapshot, input));
  });

  it('a dial result at a menu is a stuck call, not silence', () => {
    const start = startCall(desk, call, 'en-US', at);
    expect(() => step(desk, start.snapshot, { type: 'dialResult', status: 'busy', durationSec: 0, now: at })).toThrow(CallStuckError);
  });

  it('keys while the number rings are a stuck call too (Twilio posts them nowhere)', () => {
    expect(() => step(desk, ringing(), { type: 'digits', digits: '1', now: at })).toThrow(CallStuckError);
  });
});

describe('simulateCall answers a dial', () => {
  it('no-answer: the caller hears the fallback and gets a callback ticket', async () => {
    const sim = await simulateCall({ dial: '400-000-0001', project, at: '2026-11-23T21:00:00+08:00' });
    await sim.press('1');
    expect(sim.waitingFor).toMatchObject({ kind: 'dial', number: '+861012345678' });
    await sim.dial('no-answer');
    expect(sim.lastHeard()).toContain('安全值班台暂时无人接听，我们会给您回电。');
    expect(sim.effects.map((p) => p.effect.kind)).toEqual(['createTicket']);
    expect(sim.ended).toEqual({ kind: 'hangup' });
    expect(sim.dials).toEqual([{ number: '+861012345678', result: 'no-answer', talkSec: 0 }]);
  });

  it('answered: the call ends after the talk', async () => {
    const sim = await simulateCall({ dial: '400-000-0001', project, at: '2026-11-23T21:00:00+08:00' });
    await sim.press('1');
    await sim.dial('answered', { talkSec: 75 });
    expect(sim.ended).toEqual({ kind: 'hangup' });
    expect(sim.dials).toEqual([{ number: '+861012345678', result: 'answered', talkSec: 75 }]);
  });

  it('refuses keys or silence while the number rings, naming what the call waits for', async () => {
    const sim = await simulateCall({ dial: '400-000-0001', project, at: '2026-11-23T21:00:00+08:00' });
    await sim.press('1');
    await expect(sim.press('2')).rejects.toThrow(/is ringing \+861012345678/);
    await expect(sim.silence()).rejects.toThrow(/is ringing/);
  });
});
