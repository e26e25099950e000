import { performance } from 'node:perf_hooks';
import { buildFlowGraph, createCoverageRecorder, coverageReport } from '../../src/coverage';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { mulberry32, randomHelpers } from './mulberry32';
import { LINES, linesOf, MAX_TURNS, randomCall, type Line, type Outcome } from './random-caller';

// FUZZ_SEED / FUZZ_CALLS replay or widen a run; CI uses the fixed defaults.
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CALLS = Number(process.env.FUZZ_CALLS ?? 5000);

/**
 * The shipped lines (which speak wherever a flow listens, once flows/*.yaml turn speech on), and
 * the 直播服务 line with speech on (test/fixtures/flows/speech), so that words are fuzzed today.
 */
const RUNS: Array<[string, string, readonly Line[] | undefined, number]> = [
  ['the four shipped lines', 'flows', LINES, CALLS],
  ['the 直播服务 line with speech on', 'test/fixtures/flows/speech', undefined, Math.ceil(CALLS / 2)],
];

describe.each(RUNS)('say-or-press fuzzing of %s', (_name, dir, lines, calls) => {
  it(`${calls} random calls (seed ${SEED}) each reach a person, a ticket, a self-service end or a goodbye within ${MAX_TURNS} turns, keys or words, and no turn throws`, async () => {
    const project = loadProjectOrThrow(dir);
    const goodbyes = Object.values(project.env.catalogue).map((c) => c!.entries.goodbye);
    const recorder = createCoverageRecorder(buildFlowGraph(project.env.flows));
    const rnd = randomHelpers(mulberry32(SEED));
    const outcomes: Record<Outcome, number> = { person: 0, ticket: 0, 'self-service': 0, goodbye: 0, 'caller hung up': 0 };
    const failures: string[] = [];
    let turns = 0;
    let spoken = 0;
    let longest = 0;
    let stuck = 0;
    let errors = 0;

    const started = performance.now();
    for (let i = 0; i < calls; i++) {
      const tracker = recorder.track();
      const r = await randomCall(project, rnd, tracker, lines ?? linesOf(project));
      tracker.finish();
      turns += r.turns;
      spoken += r.spoken;
      longest = Math.max(longest, r.turns);
      if (r.error) errors++;
      else if (!r.outcome) stuck++;
      const problem =
        r.error ??
        (!r.outcome
          ? `no end after ${r.turns} turns (still waiting for ${r.call?.waitingFor?.kind ?? 'nothing'})`
          : r.outcome !== 'person' && r.outcome !== 'caller hung up' && !goodbyes.some((g) => r.call?.lastHeard().endsWith(g))
            ? `hung up on the caller without a goodbye; last heard: ${r.call?.lastHeard()}`
            : undefined);
      if (problem) failures.push(`call #${i} (seed ${SEED}): ${problem}\n  ${r.script.join(' | ')}`);
      else outcomes[r.outcome!]++;
    }
    const seconds = (performance.now() - started) / 1000;

    const coverage = coverageReport(recorder);
    console.log(
      `fuzz ${dir}: ${calls} calls, ${turns} turns (${spoken} spoken, longest ${longest}) in ${seconds.toFixed(1)} s; stuck ${stuck}, errors ${errors}; ` +
        `${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
        `nodes ${coverage.nodes.hit}/${coverage.nodes.total}, transitions ${coverage.transitions.hit}/${coverage.transitions.total}, said ${coverage.said.hit}/${coverage.said.total}` +
        coverage.flows.flatMap((f) => [...f.untakenTransitions, ...f.untakenSaid].map((t) => `\n  never taken: ${f.file} ${t}`)).join(''),
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(coverage.problems.slice(0, 5)).toEqual([]);
    expect({ stuck, errors }).toEqual({ stuck: 0, errors: 0 });
    expect(outcomes.person + outcomes.ticket + outcomes['self-service'] + outcomes.goodbye + outcomes['caller hung up']).toBe(calls);
  }, 120_000);
});
