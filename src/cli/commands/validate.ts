import { Command } from 'commander';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatDiagnostic } from '../../diagnostics';
import { loadProject } from '../../flow/load/load-project';

/**
 * `ivr validate [paths…]`: a directory is validated whole; a file is validated against the
 * catalogue, hotlines and other flows of its directory (or --flows-dir). Prints every problem as
 * `file:line:col message` and exits 1 on any.
 */
export function validateCommand(): Command {
  return new Command('validate')
    .description('check flow files; print every problem as file:line:col and exit 1 on any')
    .argument('[paths...]', 'flow files or directories', [])
    .option('--flows-dir <dir>', 'the project the files belong to (default: their own directory, or ./flows)')
    .action((paths: string[], opts: { flowsDir?: string }) => {
      const targets = paths.length ? paths : [opts.flowsDir ?? process.env.FLOWS_DIR ?? 'flows'];
      let failed = false;
      for (const path of targets) {
        const isDir = statSync(path, { throwIfNoEntry: false })?.isDirectory();
        if (isDir === undefined) {
          process.stderr.write(`${path}: no such file or directory\n`);
          failed = true;
          continue;
        }
        const dir = isDir ? path : (opts.flowsDir ?? dirname(path));
        const { project, diagnostics } = loadProject(dir, isDir ? [] : [path]);
        for (const d of diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        if (project) {
          const flows = [...project.flows.values()].map((f) => `${f.id}@${f.version}`).join(', ');
          const { queues, categories, agents } = project.centre;
          process.stdout.write(`ok ${path}: ${project.hotlines.length} hotlines, ${project.flows.size} flows (${flows}); ${queues.size} queues, ${categories.size} ticket categories, ${agents.length} agents\n`);
        } else failed = true;
      }
      if (failed) process.exitCode = 1;
    });
}
