import { Command } from 'commander';
import { systemClock } from '../../platform/clock';
import { DEFAULT_REPORT_ZONE } from '../../reports/report-query';
import { formatReleaseChange } from '../../releases/format-versions';
import { UnknownReleaseError } from '../../releases/release-desk';
import { whoIs, withReleaseDesk } from '../open-release-desk';
import { fail, timeOption } from '../read-config';

/** `ivr rollback <release>`: makes an earlier release active for new calls; calls in progress keep theirs. */
export function rollbackCommand(): Command {
  return new Command('rollback')
    .description('make an earlier release active for new calls on every server (calls in progress keep their version)')
    .argument('<release>', 'its number (ivr versions) or id')
    .option('--by <name>', 'who does it (default: your user name)')
    .option('-m, --message <text>', 'why, for the history')
    .option('--at <time>', 'at this time instead of now, e.g. 2026-12-26T00:00:00+08:00')
    .action(async (ref: string, opts: { by?: string; message?: string; at?: string }) => {
      const at = opts.at === undefined ? undefined : timeOption('rollback', opts.at);
      await withReleaseDesk('rollback', async (desk) => {
        try {
          const result = await desk.activate({ ref, by: whoIs(opts.by), ...(at !== undefined ? { at } : {}), ...(opts.message ? { message: opts.message } : {}) });
          process.stdout.write(formatReleaseChange({ verb: 'activated', ...result, now: systemClock.now() }, DEFAULT_REPORT_ZONE));
        } catch (err) {
          if (err instanceof UnknownReleaseError) fail('rollback', err.message);
          throw err;
        }
      });
    });
}
