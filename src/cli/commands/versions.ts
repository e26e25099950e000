import { Command } from 'commander';
import { DEFAULT_REPORT_ZONE } from '../../reports/report-query';
import { formatVersions } from '../../releases/format-versions';
import { withReleaseDesk } from '../open-release-desk';

/** `ivr versions`: the releases, the active one marked, the activations scheduled, and with --audit who did what. */
export function versionsCommand(): Command {
  return new Command('versions')
    .description('list the releases of the flows: the active one, scheduled activations, who published what and when')
    .option('--audit', 'also every publish and rollback: who, when, from → to')
    .option('--tz <zone>', 'the zone times are shown in', DEFAULT_REPORT_ZONE)
    .option('--json', 'print them as JSON (as GET /api/releases)')
    .action(async (opts: { audit?: boolean; tz: string; json?: boolean }) => {
      await withReleaseDesk('versions', async (desk) => {
        const v = await desk.versions();
        process.stdout.write(opts.json ? `${JSON.stringify(v, null, 2)}\n` : formatVersions(v, { zone: opts.tz, ...(opts.audit ? { audit: true } : {}) }));
      });
    });
}
