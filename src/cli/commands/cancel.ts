import { Command } from 'commander';
import { DEFAULT_REPORT_ZONE } from '../../reports/report-query';
import { formatInstant } from '../../releases/format-versions';
import { NothingScheduledError, UnknownReleaseError } from '../../releases/release-desk';
import { whoIs, withReleaseDesk } from '../open-release-desk';
import { fail } from '../read-config';

/** `ivr cancel <release>`: a scheduled release (`ivr publish --at`) does not go live after all. */
export function cancelCommand(): Command {
  return new Command('cancel')
    .description('call off the scheduled activation of a release (ivr publish --at); what is active then stays active')
    .argument('<release>', 'its number (ivr versions) or id')
    .option('--by <name>', 'who does it (default: your user name)')
    .action(async (ref: string, opts: { by?: string }) => {
      await withReleaseDesk('cancel', async (desk) => {
        try {
          const { release, cancelled } = await desk.cancel({ ref, by: whoIs(opts.by) });
          for (const e of cancelled) process.stdout.write(`release ${release.seq} (${release.id.slice(0, 12)}) will not go live at ${formatInstant(e.activateAt, DEFAULT_REPORT_ZONE)}\n`);
        } catch (err) {
          if (err instanceof UnknownReleaseError || err instanceof NothingScheduledError) fail('cancel', err.message);
          throw err;
        }
      });
    });
}
