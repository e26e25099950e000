import type { FlowSource } from '../flow/compile/flow-source';
import type { CallObserver } from '../server/voice/call-observer';
import type { IvrMetrics } from './ivr-metrics';
import { answeredAt, flowFiles, judgeInput } from './judge-input';

/** A call's variants as metric labels: `<flow>/<node>` → variant, all three from the flow files (bounded). */
function splitLabels(variants: Record<string, string> | undefined): Array<{ flow: string; node: string; variant: string }> {
  return Object.entries(variants ?? {}).map(([split, variant]) => {
    const slash = split.indexOf('/');
    return { flow: split.slice(0, slash), node: split.slice(slash + 1), variant };
  });
}

/**
 * The call observer that counts into the metrics. `sources` gives the flow files of the project
 * live now (it changes on a hot reload), to judge which menu a key was pressed at.
 */
export function callMetrics(metrics: IvrMetrics, sources: () => ReadonlyMap<string, FlowSource>): CallObserver {
  return {
    callStarted({ hotline, afterHours }) {
      metrics.callsStarted.inc({ hotline, after_hours: String(afterHours) });
      metrics.callsInProgress.inc({ hotline });
    },
    turn({ hotline, flowId, input, before, driven, ms }) {
      metrics.turnSeconds.observe({ hotline, input: input?.type ?? 'call' }, ms / 1000);
      if (driven.end?.kind === 'transfer') {
        metrics.queueTransfers.inc({ queue: driven.end.queue });
        metrics.transfers.inc({ hotline, kind: 'queue', result: 'enqueued' });
      }
      if (driven.dialled) metrics.transfers.inc({ hotline, kind: 'number', result: driven.dialled.result });
      if (!before || !input) return;
      // Counted once, at the turn that first heard it (the context keeps it for the rest of the call).
      if (driven.snapshot.context.distressed && !before.context.distressed) metrics.distressedCalls.inc({ hotline });
      const files = flowFiles(sources());
      if (input.type === 'digits' || input.type === 'speech') {
        const at = answeredAt(files, flowId, before);
        if (at) {
          metrics.answers.inc({ ...at, via: input.type === 'digits' ? 'keys' : 'speech' });
          if (driven.heard) metrics.spokenTurns.inc({ ...at, result: driven.heard.kind });
          if (driven.heard?.lowConfidence) metrics.lowConfidenceTurns.inc(at);
        }
      }
      const verdict = judgeInput(files, flowId, before, input);
      if (verdict?.kind === 'choice') metrics.menuChoices.inc({ flow: verdict.flow, node: verdict.node, key: verdict.key });
      else if (verdict?.kind === 'invalid') metrics.invalidInputs.inc({ flow: verdict.flow, node: verdict.node });
      else if (verdict?.kind === 'noInput') metrics.noInputs.inc({ flow: verdict.flow, node: verdict.node });
    },
    fault({ hotline, queue }) {
      if (queue) {
        metrics.queueTransfers.inc({ queue });
        metrics.transfers.inc({ hotline: hotline ?? 'unknown', kind: 'queue', result: 'enqueued' });
      }
    },
    callEnded(record) {
      metrics.callsEnded.inc({ hotline: record.hotline, outcome: record.outcome ?? 'abandoned' });
      metrics.callsInProgress.dec({ hotline: record.hotline });
      for (const at of splitLabels(record.variants)) metrics.splitCallsEnded.inc({ ...at, outcome: record.outcome ?? 'abandoned' });
    },
    recordMissed({ what }) {
      metrics.callRecordProblems.inc({ kind: `${what}_not_recorded` });
    },
    surveyRated({ rating, variants }) {
      metrics.surveyRatings.observe(rating);
      for (const at of splitLabels(variants)) metrics.splitSurveyRatings.observe(at, rating);
    },
  };
}
