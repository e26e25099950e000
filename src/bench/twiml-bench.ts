import { performance } from 'node:perf_hooks';
import type { Reply } from '../telephony/reply';
import { cachedPrompts, renderTwimlWith, sdkPrompts, type PromptWriter } from '../telephony/twilio/render-twiml';
import { voicesFor } from '../telephony/twilio/voices';

/**
 * Renders per second of a typical menu reply (the general line's welcome and main menu, a Gather
 * with a per-call action URL) with each prompt built by the SDK anew and from the cached markup.
 * In this process, the two alternating so a busy machine slows both alike. Not part of `npm test`.
 */
export type TwimlBenchResult = { writer: 'sdk' | 'cached'; rendersPerSecond: number; microsPerRender: number };

const voices = voicesFor({ 'zh-CN': 'Polly.Zhiyu', 'en-US': 'Polly.Joanna' });

/** The first turn of a call on the general line, as flows/general.yaml and its zh-CN prompts make it. */
function menuReply(n: number): Reply {
  return {
    prompts: [
      { lang: 'zh-CN', text: '您好，欢迎致电客服中心。为了提升服务质量，您的通话可能会被录音。任何时候按0，都可以转接人工客服。' },
      { lang: 'zh-CN', text: '账号问题请按1，内容违规申诉请按2，电商服务请按3，人工服务请按0，重听请按星号键。' },
    ],
    next: {
      kind: 'gather',
      spec: { kind: 'digits', minDigits: 1, maxDigits: 1, timeoutSec: 5, sensitive: false },
      action: `https://ivr.example.com/twilio/voice/turn?n=${n}`,
    },
  };
}

function rendersIn(ms: number, writer: PromptWriter): { renders: number; ms: number } {
  const started = performance.now();
  let renders = 0;
  let length = 0;
  while (performance.now() - started < ms) {
    for (let i = 0; i < 100; i++) length += renderTwimlWith(menuReply(renders + i), voices, writer).length;
    renders += 100;
  }
  if (length === 0) throw new Error('twiml bench: nothing was rendered');
  return { renders, ms: performance.now() - started };
}

export function runTwimlBench(opts: { seconds: number; rounds: number }): TwimlBenchResult[] {
  const writers = { sdk: sdkPrompts, cached: cachedPrompts } as const;
  const totals = { sdk: { renders: 0, ms: 0 }, cached: { renders: 0, ms: 0 } };
  for (const w of ['sdk', 'cached'] as const) rendersIn(200, writers[w]); // warm-up: JIT, and the cache filled
  const slice = (opts.seconds * 1000) / opts.rounds;
  for (let round = 0; round < opts.rounds; round++) {
    for (const w of ['sdk', 'cached'] as const) {
      const r = rendersIn(slice, writers[w]);
      totals[w].renders += r.renders;
      totals[w].ms += r.ms;
    }
  }
  return (['sdk', 'cached'] as const).map((w) => ({
    writer: w,
    rendersPerSecond: Math.round((totals[w].renders * 1000) / totals[w].ms),
    microsPerRender: Math.round(((totals[w].ms * 1000) / totals[w].renders) * 10) / 10,
  }));
}

export function renderTwimlBench(results: TwimlBenchResult[]): string {
  const lines = results.map((r) => `  ${r.writer === 'sdk' ? 'every prompt built by the SDK' : 'prompts from the cached markup'}: ${r.rendersPerSecond} renders/s (${r.microsPerRender} µs each)`);
  const [sdk, cached] = results;
  return [`TwiML of a typical menu reply (2 zh-CN prompts in a Gather):`, ...lines, `  ${(cached.rendersPerSecond / sdk.rendersPerSecond).toFixed(2)}× as many renders`].join('\n');
}
