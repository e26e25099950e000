import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import {
  CALL_SCRIPT_SUFFIX,
  CALL_SCRIPTS_DIR,
  filesBelow,
  flowsOfHotline,
  formatCoverageTable,
  loadScenarios,
  onlyFlows,
  runSuite,
  SCENARIOS_DIR,
  type ScenarioFile,
  type SuiteResult,
} from '../../coverage';
import type { Project } from '../../flow/load/load-project';
import { loadProjectOrThrow } from '../../sim/simulate-call';
import { transcriptText } from '../../sim/transcript-text';

type TestOptions = { coverage?: boolean; min?: number; json?: boolean; scenarios?: string; flowsDir: string };

/**
 * `ivr test [hotline|file|dir…] [--coverage] [--min 100] [--json]`: plays call scripts against the
 * flows: the YAML ones beside them (`<flows>/tests/*.calls.yaml`) and the TypeScript ones in
 * test/scenarios if there are any, all of them by default; a hotline id plays `<flows>/tests/<id>.calls.yaml` and
 * reports the coverage of that line's flows only. A failure prints the call's transcript and the
 * expectation that failed, at its file:line:col. Exits 1 when a script fails, a turn cannot be
 * attributed, or a flow file's coverage (nodes, transitions, person keys) is under --min.
 */
export function testCommand(): Command {
  return new Command('test')
    .description('run the call scripts (flows/tests/*.calls.yaml) against the flows; --coverage for flow coverage')
    .argument('[targets...]', 'hotline ids, call-script files or directories (default: all)')
    .option('--coverage', 'report nodes reached, transitions taken and person keys pressed, per flow file')
    .option('--min <percent>', 'fail when any flow file has less coverage of nodes, transitions or person keys than this (default with --coverage: 100)', percent)
    .option('--json', 'print the results and the coverage as JSON')
    .option('--scenarios <path>', 'a directory or file of call scripts (instead of the targets)')
    .option('--flows-dir <dir>', 'the flows directory', process.env.FLOWS_DIR ?? 'flows')
    .action(async (targets: string[], opts: TestOptions) => {
      const project = loadProjectOrThrow(opts.flowsDir);
      const { files, hotlines } = resolveTargets(project, opts, targets);
      const suite = await runSuite(project, files);
      const scope = hotlines.length ? new Set(hotlines.flatMap((h) => [...flowsOfHotline(project, h)])) : undefined;
      const coverage = scope ? onlyFlows(suite.coverage, scope) : suite.coverage;
      report({ ...suite, coverage }, opts);
    });
}

/** Which call-script files to play, and the hotlines whose coverage alone is reported. */
function resolveTargets(project: Project, opts: TestOptions, targets: string[]): { files: ScenarioFile[]; hotlines: string[] } {
  if (opts.scenarios) return { files: loadScenarios(opts.scenarios), hotlines: [] };
  const ours = join(opts.flowsDir, CALL_SCRIPTS_DIR);
  if (targets.length === 0) return { files: loadScenarios([ours, SCENARIOS_DIR].filter((p) => existsSync(p))), hotlines: [] };
  const hotlines: string[] = [];
  const paths = targets.map((t) => {
    if (existsSync(t)) return t;
    if (!project.hotlines.some((h) => h.id === t)) {
      throw new InvalidArgumentError(`"${t}" is neither a file nor a hotline (hotlines: ${project.hotlines.map((h) => h.id).join(', ')})`);
    }
    hotlines.push(t);
    const file = join(ours, `${t}${CALL_SCRIPT_SUFFIX}`);
    if (!existsSync(file)) throw new InvalidArgumentError(`hotline "${t}" has no call scripts: write ${file}`);
    return file;
  });
  return { files: loadScenarios(paths), hotlines };
}

function report({ results, coverage }: SuiteResult, opts: TestOptions): void {
  const failed = results.filter((r) => r.failures.length > 0);
  const checkCoverage = opts.coverage || opts.min !== undefined;
  const min = opts.min ?? 100;
  const below = checkCoverage ? filesBelow(coverage, min) : [];
  const out = (s: string) => process.stdout.write(`${s}\n`);

  if (opts.json) {
    out(
      JSON.stringify(
        {
          scenarios: results.map((r) => ({ file: r.file, name: r.name, ok: r.failures.length === 0, failures: r.failures, ...(r.where ? { where: r.where } : {}) })),
          ...(checkCoverage ? { coverage, min } : {}),
        },
        null,
        2,
      ),
    );
  } else {
    for (const r of results) {
      out(`${r.failures.length ? '✗' : '✓'} ${r.name}`);
      if (!r.failures.length) continue;
      // The call as the caller lived it, then what was expected and where it is written.
      for (const line of r.call?.transcript ?? []) out(`    ${transcriptText(line)}`);
      for (const f of r.failures) out(`  ${r.where ?? r.file}: ${f.replace(/\n/g, '\n    ')}`);
    }
    out(`\n${results.length - failed.length}/${results.length} call scripts passed`);
    if (checkCoverage) {
      out(`\n${formatCoverageTable(coverage)}`);
      if (below.length) out(`\ncoverage under ${min}%: ${below.map((f) => `${f.file} (${f.below.join(', ')})`).join('; ')}`);
    }
  }
  if (failed.length || below.length || (checkCoverage && coverage.problems.length)) process.exitCode = 1;
}

function percent(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError('a percentage from 0 to 100');
  return n;
}
