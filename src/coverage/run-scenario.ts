import { isDeepStrictEqual } from 'node:util';
import type { EffectHandlers } from '../call/effect-handlers';
import type { Project } from '../flow/load/load-project';
import type { EffectKind } from '../flow/runtime/turn';
import { SimulatedClock, parseInstant } from '../platform/clock';
import { simulateCall, type SimulatedCall } from '../sim/simulate-call';
import { simulatedServices } from '../sim/simulated-services';
import type { CoverageRecorder } from './coverage-recorder';
import type { Scenario, Step } from './scenario';
import { pinnedVariantProblems, unpinnedSplits } from './pinned-variants';

export type ScenarioResult = {
  name: string;
  failures: string[];
  call?: SimulatedCall;
  /** The index of the step that failed (in the flattened steps), when a step did. */
  failedStep?: number;
};

/**
 * Plays one call script against a project, over fresh in-memory services and a clock set to the
 * scenario's time. Stops at the first step that goes wrong; every problem (a broken expectation,
 * an engine error) comes back as a failure line, so a runner can report them all.
 */
export async function runScenario(project: Project, scenario: Scenario, recorder?: CoverageRecorder): Promise<ScenarioResult> {
  const clock = new SimulatedClock(parseInstant(scenario.at));
  const services = simulatedServices({ project, clock });
  const tracker = recorder?.track();
  const failures: string[] = [];
  let call: SimulatedCall | undefined;
  let at = 'dial';
  let failedStep: number | undefined;
  try {
    const pinProblems = pinnedVariantProblems(project, scenario.variants ?? {});
    if (pinProblems.length) return { name: scenario.name, failures: pinProblems.map((p) => `variants: ${p}`) };
    call = await simulateCall({
      dial: scenario.dial,
      ...(scenario.from ? { from: scenario.from } : {}),
      ...(scenario.fromCountry ? { fromCountry: scenario.fromCountry } : {}),
      project,
      clock,
      services,
      handlers: failingHandlers(services.handlers, scenario.failing),
      onLine: tracker?.onLine,
      ...(scenario.variants ? { variants: scenario.variants } : {}),
    });
    tracker?.attach(call);
    if (call.notInService) failures.push(`${scenario.dial} is not in service`);
    for (const [i, step] of scenario.steps.entries()) {
      if (failures.length) break;
      at = `step ${i + 1} (${describeStep(step)})`;
      failedStep = i;
      const failure = await perform(call, step);
      if (failure) failures.push(`${at}: ${failure}`);
      else failedStep = undefined;
    }
    if (!failures.length) failures.push(...checkOutcome(call, scenario));
    failures.push(...unpinnedSplits(call.snapshot?.context.variants ?? {}, scenario.variants ?? {}));
  } catch (err) {
    failures.push(`${at}: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    tracker?.finish();
  }
  return { name: scenario.name, failures, call, ...(failures.length && failedStep !== undefined ? { failedStep } : {}) };
}

function failingHandlers(handlers: EffectHandlers, failing: readonly EffectKind[]): EffectHandlers {
  const out = { ...handlers };
  for (const kind of failing) {
    out[kind] = async () => {
      throw new Error(`${kind} is down (the scenario makes it fail)`);
    };
  }
  return out;
}

async function perform(call: SimulatedCall, step: Step): Promise<string | undefined> {
  switch (step.do) {
    case 'press':
      await call.press(step.keys);
      return;
    case 'say':
      await call.say(step.text, step.confidence !== undefined ? { confidence: step.confidence } : {});
      return;
    case 'silence':
      await (call.waitingFor?.kind === 'recording' ? call.record('', 0) : call.silence());
      return;
    case 'record':
      await call.record(undefined, step.seconds);
      return;
    case 'hangUp':
      await call.hangUp();
      return;
    case 'enterCode': {
      const code = call.services.lastCodeSentTo(step.sentTo);
      if (!code) return `no one-time code was texted to ${step.sentTo}`;
      await call.press(step.wrong ? wrongCode(code) : code);
      return;
    }
    case 'wait':
      call.clock.advance(step.minutes * 60_000);
      return;
    case 'dialEnds':
      await call.dial(step.result);
      return;
    case 'hear': {
      const heard = call.lastHeard();
      const ok = step.regex ? new RegExp(step.text).test(heard) : heard.includes(step.text);
      return ok ? undefined : `expected to hear ${step.regex ? `/${step.text}/` : `"${step.text}"`}, heard:\n${indent(heard || '(nothing)')}`;
    }
    case 'reach':
      return call.path.includes(step.node) ? undefined : `expected the call to have reached node "${step.node}"; its path: ${call.path.join(' → ') || '(none)'}`;
  }
}

/** A code of the right length that is surely not the one sent. */
function wrongCode(code: string): string {
  return code.replace(/\d/g, (d) => String((Number(d) + 1) % 10));
}

function checkOutcome(call: SimulatedCall, s: Scenario): string[] {
  const failures: string[] = [];
  const expectSame = (what: string, actual: unknown, expected: unknown) => {
    if (!isDeepStrictEqual(actual, expected)) failures.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  };
  if (s.line) expectSame('line', { hotline: call.hotline, afterHours: call.afterHours }, s.line);
  if (s.ends) {
    const e = call.ended;
    const actual = e?.kind === 'transfer' ? { kind: e.kind, queue: e.queue, ...(s.ends.kind === 'transfer' && s.ends.priority ? { priority: e.priority } : {}) } : e;
    expectSame('the call ends', actual ?? `still waiting for ${call.waitingFor?.kind ?? 'nothing'}`, s.ends);
  }
  const ok = call.effects.filter((p) => p.result.ok).map((p) => p.effect);
  if (s.tickets) {
    const tickets = ok.flatMap((e) => (e.kind === 'createTicket' ? [e.args] : []));
    expectSame(
      'tickets',
      tickets.map((a, i) => ({ category: a.category, ...(s.tickets?.[i]?.priority ? { priority: a.priority } : {}) })),
      s.tickets,
    );
  }
  if (s.sms) expectSame('SMS sent', ok.flatMap((e) => (e.kind === 'sendSms' ? [e.args.kind] : [])), s.sms);
  return failures;
}

export function describeStep(step: Step): string {
  switch (step.do) {
    case 'press':
      return `press ${step.keys}`;
    case 'say':
      return `say ${JSON.stringify(step.text)}${step.confidence !== undefined ? ` (confidence ${step.confidence})` : ''}`;
    case 'enterCode':
      return `enter the ${step.wrong ? 'wrong ' : ''}code sent to ${step.sentTo}`;
    case 'hear':
      return step.regex ? `hear /${step.text}/` : `hear "${step.text}"`;
    case 'reach':
      return `reach ${step.node}`;
    case 'wait':
      return `wait ${step.minutes} min`;
    case 'record':
      return `record ${step.seconds} s`;
    case 'dialEnds':
      return `the number ends the dial: ${step.result}`;
    default:
      return step.do;
  }
}

const indent = (text: string) => text.replace(/^/gm, '    ');
