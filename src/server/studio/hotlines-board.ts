import { DateTime } from 'luxon';
import { describeHours, type Hotline } from '../../hotlines';
import { wallClock, isoDate } from '../../hotlines/wall-clock';
import { isOpen } from '../../hotlines/service-hours';
import { nextHoursChange } from '../../hotlines/next-hours-change';
import type { Clock } from '../../platform/clock';
import { makeReport } from '../../reports/load-report';
import type { ReportSource } from '../../reports/report-facts';
import { DEFAULT_REPORT_ZONE } from '../../reports/report-query';
import type { CallRecord } from '../../stores/calls/call-record';
import type { CallStore } from '../../stores/calls/call-store';
import { HotlinesBoardSchema, type HotlineCard, type HotlinesBoard } from './studio-board.schema';

/**
 * A record still "in progress" this long after it started lost its status callback (a server died
 * mid-call); the board does not count it as a live call forever.
 */
const LIVE_WINDOW_MS = 4 * 60 * 60_000;
const MAX_LIVE = 10_000;

export type HotlinesBoardDeps = {
  hotlines: () => readonly Hotline[];
  calls: Pick<CallStore, 'list'>;
  reports: ReportSource;
  clock: Clock;
};

/** Midnight of `now`'s date in `zone`: where "today" starts. */
export function startOfDay(now: number, zone: string): number {
  return DateTime.fromMillis(now, { zone }).startOf('day').toMillis();
}

/**
 * Calls in progress and who waits per queue, from the call records the webhooks write: the queue
 * directory (Twilio's REST API) is asked only when an agent takes a caller, since polling it per
 * viewer every few seconds would spend the account's API rate on a wallboard.
 */
function liveOf(records: readonly CallRecord[]): Map<string, HotlineCard['live']> {
  const byLine = new Map<string, { inProgress: number; queues: Map<string, { waiting: number; withAgent: number }> }>();
  for (const r of records) {
    if (r.status !== 'in-progress') continue;
    const line = byLine.get(r.hotline) ?? { inProgress: 0, queues: new Map() };
    line.inProgress++;
    const queue = r.transfer?.queue;
    if (queue) {
      const q = line.queues.get(queue) ?? { waiting: 0, withAgent: 0 };
      if (r.queue?.id === queue && r.queue.result === 'bridged') q.withAgent++;
      else if (r.queue?.result === undefined) q.waiting++;
      line.queues.set(queue, q);
    }
    byLine.set(r.hotline, line);
  }
  return new Map([...byLine].map(([id, l]) => [id, { inProgress: l.inProgress, queues: [...l.queues].sort().map(([queue, q]) => ({ queue, ...q })) }]));
}

/** Each line: numbers, languages, hours and whether open now, live calls and queues, today's figures. */
export async function hotlinesBoard(deps: HotlinesBoardDeps): Promise<HotlinesBoard> {
  const now = deps.clock.now();
  const zone = DEFAULT_REPORT_ZONE;
  const from = startOfDay(now, zone);
  const lines = deps.hotlines();
  const [records, reports] = await Promise.all([
    deps.calls.list({ from: now - LIVE_WINDOW_MS, to: now + 1, limit: MAX_LIVE }),
    Promise.all(lines.map((h) => makeReport(deps.reports, { from, to: now + 1, hotline: h.id, timezone: zone }, now))),
  ]);
  const live = liveOf(records);
  const hotlines = lines.map((h, i): HotlineCard => {
    const report = reports[i];
    const today = isoDate(wallClock(h.timezone, now));
    return {
      id: h.id,
      name: h.name,
      numbers: h.numbers,
      languages: h.languages,
      timezone: h.timezone,
      hoursText: { 'zh-CN': describeHours(h, 'zh-CN'), 'en-US': describeHours(h, 'en-US') },
      overrides: h.overrides
        .filter((o) => o.date >= today)
        .map((o) => ({ date: o.date, closed: o.closed === true, hours: o.hours ?? [], ...(o.reason ? { reason: o.reason } : {}) })),
      open: isOpen(h, now),
      nextChange: nextHoursChange(h, now),
      live: live.get(h.id) ?? { inProgress: 0, queues: [] },
      today: {
        calls: report.calls.total,
        selfServiceRate: report.calls.selfServiceRate,
        transferRate: report.calls.transferRate,
        abandonmentRate: report.calls.abandonmentRate,
        averageWaitSec: report.queues.byHotline[h.id]?.averageWaitSec ?? null,
        emergencies: report.tickets.byCategory.emergency?.total ?? 0,
        slaBreaches: report.tickets.breached,
      },
    };
  });
  // Parsed on the way out: the page is typed by this schema, so the server must keep to it.
  return HotlinesBoardSchema.parse({ now, reportZone: zone, hotlines });
}
