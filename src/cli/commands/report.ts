import { Command } from 'commander';
import { makeReport } from '../../reports/load-report';
import { formatReport } from '../../reports/format-report';
import { resolveReportQuery } from '../../reports/report-query';
import { openRecordStores, StoreUnsupportedError } from '../../stores/open-record-stores';
import { fail, readServerConfig, timeOption } from '../read-config';

type ReportOptions = { from?: string; to?: string; hotline?: string; tz?: string; json?: boolean; at?: string };

/**
 * `ivr report`: the operations report over the server's call records, tickets and surveys
 * (DATABASE_URL): a readable table, or --json (the figures of GET /api/reports).
 */
export function reportCommand(): Command {
  return new Command('report')
    .description('calls per hotline and hour, self-service, transfers, abandonment, tickets and SLAs, satisfaction, first-contact resolution, paths and drop-off')
    .option('--from <time>', 'start: 2026-11-23 (a date, in --tz) or 2026-11-23T08:00:00+08:00 (default: 7 days before --to)')
    .option('--to <time>', 'end, exclusive; a date means through its end (default: now)')
    .option('--hotline <id>', 'only this hotline, e.g. general')
    .option('--tz <zone>', 'the zone of dates and hours of day', 'Asia/Shanghai')
    .option('--json', 'print the figures as JSON')
    .option('--at <time>', 'the time the report is made at: SLA status, 48-hour windows (default: now)')
    .action(async (opts: ReportOptions) => {
      const config = readServerConfig('report');
      const now = timeOption('report', opts.at);
      const q = resolveReportQuery({ from: opts.from, to: opts.to, hotline: opts.hotline, tz: opts.tz }, now);
      if (!q.ok) fail('report', q.error);
      let stores;
      try {
        stores = await openRecordStores(config.database, { now: () => now });
      } catch (err) {
        if (err instanceof StoreUnsupportedError) fail('report', err.message);
        throw err;
      }
      try {
        const report = await makeReport(stores.reports, q.query, now, stores.callbacks);
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      } finally {
        await stores.close();
      }
    });
}
