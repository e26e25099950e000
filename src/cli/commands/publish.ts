import { Command } from 'commander';
import { formatDiagnostic } from '../../diagnostics';
import { systemClock } from '../../platform/clock';
import { DEFAULT_REPORT_ZONE } from '../../reports/report-query';
import { formatReleaseChange } from '../../releases/format-versions';
import { whoIs, withReleaseDesk } from '../open-release-desk';
import { timeOption } from '../read-config';

/**
 * `ivr publish -m "…"`: validates the working files (FLOWS_DIR), stores them in the database as a
 * release and activates it for new calls on every server (now, or --at), printing what changed
 * for callers. Refuses, with every problem as file:line:col, when they do not validate.
 */
export function publishCommand(): Command {
  return new Command('publish')
    .description('validate the working flows and publish them to every server as a new release (DATABASE_URL, FLOWS_DIR)')
    .requiredOption('-m, --message <text>', 'what changed, for the history (ivr versions)')
    .option('--by <name>', 'who publishes (default: your user name)')
    .option('--at <time>', 'activate at this time instead of now, e.g. 2026-12-24T00:00:00+08:00')
    .action(async (opts: { message: string; by?: string; at?: string }) => {
      const at = opts.at === undefined ? undefined : timeOption('publish', opts.at);
      await withReleaseDesk('publish', async (desk) => {
        const result = await desk.publish({ message: opts.message, by: whoIs(opts.by), ...(at !== undefined ? { at } : {}) });
        if (!result.ok) {
          for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
          process.stderr.write(`ivr publish: ${result.diagnostics.length} problem(s) above; nothing was published\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(formatReleaseChange({ verb: 'published', ...result, now: systemClock.now() }, DEFAULT_REPORT_ZONE));
      });
    });
}
