import { Command, InvalidArgumentError } from 'commander';
import { filesBelow, formatCoverageTable, loadScenarios, runSuite, SCENARIOS_DIR } from '../../coverage';
import { loadProjectOrThrow } from '../../sim/simulate-call';

type TestOptions = { coverage?: boolean; min?: number; json?: boolean; scenarios: string; flowsDir: string };

/**
 * `ivr test [--coverage] [--min 100] [--json]`: plays the call scripts in test/scenarios (the same
 * files jest runs in CI) and, with --coverage, prints which nodes and transitions of each flow
 * file they reached. Exits 1 when a script fails, a turn cannot be attributed, or a flow file's
 * node coverage is under --min.
 */
export function testCommand(): Command {
  return new Command('test')
    .description('run the call scripts (test/scenarios/*.scenario.ts) against the flows; --coverage for flow coverage')
    .option('--coverage', 'report nodes reached and transitions taken per flow file')
    .option('--min <percent>', 'fail when any flow file has less coverage of nodes, transitions or person keys than this (default with --coverage: 100)', percent)
    .option('--json', 'print the results and the coverage as JSON')
    .option('--scenarios <dir>', 'where the call scripts are', SCENARIOS_DIR)
    .option('--flows-dir <dir>', 'the flows directory', process.env.FLOWS_DIR ?? 'flows')
    .action(async (opts: TestOptions) => {
      const project = loadProjectOrThrow(opts.flowsDir);
      const { results, coverage } = await runSuite(project, loadScenarios(opts.scenarios));
      const failed = results.filter((r) => r.failures.length > 0);
      const checkCoverage = opts.coverage || opts.min !== undefined;
      const min = opts.min ?? 100;
      const below = checkCoverage ? filesBelow(coverage, min) : [];
      const out = (s: string) => process.stdout.write(`${s}\n`);

      if (opts.json) {
        out(
          JSON.stringify(
            {
              scenarios: results.map((r) => ({ file: r.file, name: r.name, ok: r.failures.length === 0, failures: r.failures })),
              ...(checkCoverage ? { coverage, min } : {}),
            },
            null,
            2,
          ),
        );
      } else {
        for (const r of results) {
          out(`${r.failures.length ? '✗' : '✓'} ${r.name}`);
          for (const f of r.failures) out(`    ${f.replace(/\n/g, '\n    ')}`);
        }
        out(`\n${results.length - failed.length}/${results.length} call scripts passed`);
        if (checkCoverage) {
          out(`\n${formatCoverageTable(coverage)}`);
          if (below.length) out(`\ncoverage under ${min}%: ${below.map((f) => `${f.file} (${f.below.join(', ')})`).join('; ')}`);
        }
      }
      if (failed.length || below.length || (checkCoverage && coverage.problems.length)) process.exitCode = 1;
    });
}

function percent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('a percentage from 0 to 100');
  return n;
}
