import { stringify } from 'yaml';
import { CallScriptFileSchema } from '../../coverage/call-script.schema';
import type { SoftphoneCall, ScriptStep } from './softphone-call';
import { hearSteps } from './softphone-call';

/**
 * A softphone call as a call script in the designers' format (flows/tests/*.calls.yaml): what the
 * caller heard and did, step by step, and what the call came to (the node it reached, the line,
 * how it ended, its tickets and SMS), so `ivr test` plays it again on the engine and says if a
 * change of the flows broke it.
 */
export function callScriptOf(phone: SoftphoneCall, name?: string): { fileName: string; yaml: string } {
  const o = phone.outcome();
  const steps: ScriptStep[] = [...phone.steps];
  if (!o.ended) for (const phrase of hearSteps(o.lastHeard)) steps.push({ hear: phrase });
  if (o.node) steps.push({ reach: o.node });
  const call = {
    name: name ?? `a call from the studio softphone reaches ${o.node ?? 'no node'}`,
    dial: phone.start.dial,
    from: phone.start.from,
    ...(phone.start.country ? { fromCountry: phone.start.country } : {}),
    at: phone.start.at,
    ...(o.hotline ? { line: { hotline: o.hotline, afterHours: o.afterHours } } : {}),
    ...(o.variants && Object.keys(o.variants).length ? { variants: o.variants } : {}),
    steps,
    ...(o.ended ? { ends: o.ended.kind === 'hangup' ? 'hangup' : { transfer: o.ended.queue, priority: o.ended.priority } } : {}),
    tickets: o.tickets,
    sms: o.sms,
  };
  // What the page offers must be what `ivr test` reads: a script the schema refuses is our bug.
  CallScriptFileSchema.parse({ calls: [call] });
  const header = [
    '# yaml-language-server: $schema=../../docs/schema/calls.schema.json',
    `# Saved from the studio's softphone: put it in flows/tests/ and run \`ivr test ${o.hotline ?? ''}\`.`,
  ].join('\n');
  return { fileName: `${o.hotline ?? 'call'}.studio.calls.yaml`, yaml: `${header}\n${stringify({ calls: [call] }, { lineWidth: 0 })}` };
}
