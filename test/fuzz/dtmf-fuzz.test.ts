import { performance } from 'node:perf_hooks';
import { buildFlowGraph, createCoverageRecorder, coverageReport } from '../../src/coverage';
import { loadProjectOrThrow } from '../../src/sim/simulate-call';
import { mulberry32, randomHelpers } from './mulberry32';
import { MAX_TURNS, randomCall, type Outcome } from './random-caller';

// FUZZ_SEED / FUZZ_CALLS replay or widen a run; CI uses the fixed defaults.
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CALLS = Number(process.env.FUZZ_CALLS ?? 5000);

describe('DTMF fuzzing of the four shipped lines', () => {
  it(`${CALLS} random calls (seed ${SEED}) each reach a person, a ticket, a self-service end or a goodbye within ${MAX_TURNS} turns, and no turn throws`, async () => {
    const project = loadProjectOrThrow('flows');
    const goodbyes = Object.values(project.env.catalogue).map((c) => c!.entries.goodbye);
    const recorder = createCoverageRecorder(buildFlowGraph(project.env.flows));
    const rnd = randomHelpers(mulberry32(SEED));
    const outcomes: Record<Outcome, number> = { person: 0, ticket: 0, 'self-service': 0, goodbye: 0, 'caller hung up': 0 };
    const failures: string[] = [];
    let turns = 0;
    let longest = 0;

    const started = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const tracker = recorder.track();
      const r = await randomCall(project, rnd, tracker);
      tracker.finish();
      turns += r.turns;
      longest = Math.max(longest, r.turns);
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
      `fuzz: ${CALLS} calls, ${turns} turns (longest ${longest}) in ${seconds.toFixed(1)} s; ` +
        `${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
        `nodes ${coverage.nodes.hit}/${coverage.nodes.total}, transitions ${coverage.transitions.hit}/${coverage.transitions.total}` +
        coverage.flows.flatMap((f) => f.untakenTransitions.map((t) => `\n  never taken: ${f.file} ${t}`)).join(''),
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(coverage.problems.slice(0, 5)).toEqual([]);
    expect(outcomes.person + outcomes.ticket + outcomes['self-service'] + outcomes.goodbye + outcomes['caller hung up']).toBe(CALLS);
  }, 120_000);
});
