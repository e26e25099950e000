import { Command } from 'commander';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { formatDiagnostic } from '../../diagnostics';
import { flowDiagram } from '../../diagrams/diagram';
import { toDot } from '../../diagrams/dot';
import { flowPage, flowPageName, GENERATED_MARK } from '../../diagrams/flow-page';
import { toMermaid } from '../../diagrams/mermaid';
import { loadProject, type Project } from '../../flow/load/load-project';
import { fail } from '../read-config';

type DiagramOptions = { format: string; write?: string; flowsDir?: string };

/**
 * `ivr diagram <flow file>`: draws a flow (Mermaid or Graphviz DOT) on stdout.
 * `ivr diagram --write docs/flows`: a Markdown page with a Mermaid diagram for every flow.
 */
export function diagramCommand(): Command {
  return new Command('diagram')
    .description('draw a flow: nodes, keys on arrows, retries, persons, tickets, subflows as linked boxes')
    .argument('[file]', 'a flow file, e.g. flows/general.yaml')
    .option('--format <format>', 'mermaid or dot', 'mermaid')
    .option('--write <dir>', 'write docs pages (Markdown with Mermaid) for every flow into this directory')
    .option('--flows-dir <dir>', 'the flows directory (default: the file\'s own, or FLOWS_DIR, or ./flows)')
    .action((file: string | undefined, opts: DiagramOptions) => {
      if (!['mermaid', 'dot'].includes(opts.format)) fail('diagram', `--format must be mermaid or dot (got "${opts.format}")`);
      if (!file && !opts.write) fail('diagram', 'name a flow file (e.g. flows/general.yaml) or --write docs/flows');
      if (file && statSync(file, { throwIfNoEntry: false })?.isFile() !== true) fail('diagram', `${file}: no such flow file`);
      const dir = opts.flowsDir ?? (file ? dirname(file) : (process.env.FLOWS_DIR ?? 'flows'));
      const project = load(dir);
      if (opts.write) {
        writePages(project, opts.write);
        return;
      }
      const flowId = basename(file!, extname(file!));
      if (!project.env.flows.has(flowId)) fail('diagram', `${file} is not a flow of ${dir} (flows: ${[...project.env.flows.keys()].join(', ')})`);
      const diagram = flowDiagram(flowId, project.env.flows, project.centre);
      process.stdout.write(opts.format === 'dot' ? toDot(diagram) : toMermaid(diagram));
    });
}

function load(dir: string): Project {
  const { project, diagnostics } = loadProject(dir);
  if (!project) {
    for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    return fail('diagram', `the flows in ${dir} have problems (above); a flow is drawn once it validates`);
  }
  return project;
}

/** One page per flow; generated pages of flows that no longer exist are removed. */
function writePages(project: Project, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const pages = new Set<string>();
  for (const flowId of [...project.env.flows.keys()].sort()) {
    const name = flowPageName(flowId);
    pages.add(name);
    writeFileSync(join(dir, name), flowPage(project, flowId));
    process.stdout.write(`wrote ${join(dir, name)}\n`);
  }
  for (const name of readdirSync(dir)) {
    if (pages.has(name) || extname(name) !== '.md') continue;
    if (readFileSync(join(dir, name), 'utf8').startsWith(GENERATED_MARK)) {
      rmSync(join(dir, name));
      process.stdout.write(`removed ${join(dir, name)} (no such flow any more)\n`);
    }
  }
}
