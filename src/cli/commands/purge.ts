import { Command } from 'commander';
import { DateTime } from 'luxon';
import type { Config } from '../../config/config';
import { purgeExpired, type PurgeReport } from '../../retention/purge-expired';
import type { RecordingRemover } from '../../retention/recording-remover';
import { RETENTION, SERVICE_RETENTION } from '../../retention/retention-policy';
import { openRecordStores, StoreUnsupportedError } from '../../stores/open-record-stores';
import { createTwilioClient } from '../../telephony/twilio-rest/twilio-client';
import { twilioRecordingRemover, unconfiguredRecordingRemover } from '../../telephony/twilio-rest/twilio-recordings';
import { fail, readServerConfig, timeOption } from '../read-config';

/** Deletes recordings through the server's Twilio account (TWILIO_API_BASE_URL included). */
function recordingRemover(config: Config): RecordingRemover {
  if (config.smsDelivery !== 'twilio') return unconfiguredRecordingRemover();
  const { accountSid, authToken, apiBaseUrl } = config.twilio;
  return twilioRecordingRemover(createTwilioClient({ accountSid, authToken, ...(apiBaseUrl ? { apiBaseUrl } : {}) }));
}

/** The per-kind counts, then the calls and recordings by name. */
export function formatPurge(report: PurgeReport, now: number): string {
  const at = DateTime.fromMillis(now, { zone: 'utc' }).toISO();
  const c = report.counts;
  const out = [
    `${report.applied ? 'removed' : 'would remove'} past retention at ${at}:`,
    `  call records (${RETENTION.months} months)                 ${c.callRecords}`,
    `  recordings, at Twilio and referenced (${RETENTION.months} months) ${c.recordings}`,
    `  SMS texts and numbers (${SERVICE_RETENTION.outboxBodies.days} days)           ${c.outboxBodies}`,
    `  survey comments and numbers (${SERVICE_RETENTION.surveyTexts.days} days)     ${c.surveyTexts}`,
    `  one-time-code look-ups (${SERVICE_RETENTION.otpLookups.days} day)            ${c.otpLookups}`,
    `  idle one-time-code states (${SERVICE_RETENTION.otpStates.days} day)          ${c.otpStates}`,
    `  answered SMS reply ids (${SERVICE_RETENTION.smsReplies.days} days)            ${c.smsReplies}`,
  ];
  for (const sid of report.calls) out.push(`  call ${sid}`);
  for (const r of report.recordings) {
    const twilio = r.removal === 'gone' ? ' (already gone at Twilio)' : r.removal === 'not-twilio' ? ' (not a Twilio recording: reference only)' : '';
    out.push(`  ${r.agent ? `agent ${r.agent}'s recording` : 'recording'} of ${r.callSid}${r.tickets.length ? ` (and on ticket ${r.tickets.join(', ')})` : ''}${twilio}`);
  }
  for (const k of report.kept) out.push(`  kept the recording of ${k.callSid} and its call record for the next run: ${k.detail}`);
  const any = Object.values(c).some((n) => n > 0);
  if (!report.applied && any) out.push('run again with --now to remove them');
  if (report.more) out.push('more records may be past retention: run again');
  return `${out.join('\n')}\n`;
}

/**
 * `ivr purge [--now]`: lists what is past retention, per kind; with --now, removes it (recordings
 * at Twilio too). Meant for a daily cron job beside the server. Exit 1 when a recording could not
 * be deleted, so cron reports it.
 */
export function purgeCommand(): Command {
  return new Command('purge')
    .description(`remove call records and recordings older than ${RETENTION.months} months, and SMS texts, survey comments and code look-ups past their use (without --now: only count them)`)
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
        const report = await purgeExpired(
          { calls: stores.calls, retention: stores.retention, tickets: stores.tickets, services: stores.services, recordings: recordingRemover(config), qa: stores.qa },
          { now, apply: opts.now === true },
        );
        process.stdout.write(formatPurge(report, now));
        if (report.kept.length) process.exitCode = 1;
      } finally {
        await stores.close();
      }
    });
}
