import { Command } from 'commander';
import { DateTime } from 'luxon';
import { purgeExpired } from '../../retention/purge-expired';
import { RETENTION } from '../../retention/retention-policy';
import { openRecordStores, StoreUnsupportedError } from '../../stores/open-record-stores';
import { fail, readServerConfig, timeOption } from '../read-config';

/**
 * `ivr purge [--now]`: lists the call records and recording references past retention (6
 * months); with --now, removes them. Meant for a daily cron job beside the server.
 */
export function purgeCommand(): Command {
  return new Command('purge')
    .description(`remove call records and voicemail recording references older than ${RETENTION.months} months (without --now: only list them)`)
    .option('--now', 'remove them (default: only say what would be removed)')
    .option('--at <time>', 'judge retention as at this time (default: now)')
    .action(async (opts: { now?: boolean; at?: string }) => {
      const config = readServerConfig('purge');
      const now = timeOption('purge', opts.at);
      let stores;
      try {
        stores = await openRecordStores(config.database, { now: () => now });
      } catch (err) {
        if (err instanceof StoreUnsupportedError) fail('purge', err.message);
        throw err;
      }
      try {
        const report = await purgeExpired({ calls: stores.calls, retention: stores.retention, tickets: stores.tickets }, { now, apply: opts.now === true });
        const at = DateTime.fromMillis(now, { zone: 'utc' }).toISO();
        const verb = report.applied ? 'removed' : 'would remove';
        process.stdout.write(`${verb} ${report.calls.length} call record(s) and ${report.recordings.length} recording reference(s) past retention at ${at}\n`);
        for (const sid of report.calls) process.stdout.write(`  call ${sid}\n`);
        for (const r of report.recordings) process.stdout.write(`  recording of ${r.callSid}${r.tickets.length ? ` (and on ticket ${r.tickets.join(', ')})` : ''}\n`);
        if (!report.applied && (report.calls.length || report.recordings.length)) process.stdout.write('run again with --now to remove them\n');
        if (report.more) process.stdout.write('more records may be past retention: run again\n');
      } finally {
        await stores.close();
      }
    });
}
