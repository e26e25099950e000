import { DateTime } from 'luxon';
import type { Report } from './report';

const pct = (r: number | null) => (r === null ? '–' : `${(r * 100).toFixed(1)}%`);
const when = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toFormat('yyyy-MM-dd HH:mm');

/** Columns padded to their widest cell; numbers right-aligned. */
export function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || /^[\d.,%–-]+$/.test(String(r[i]))));
  return cells
    .map((r) => r.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd())
    .map((line) => `  ${line}`)
    .join('\n');
}

/** The report as the terminal shows it (`ivr report`); `--json` prints the Report itself. */
export function formatReport(r: Report): string {
  const c = r.calls;
  const fcr = r.firstContactResolution;
  const out: string[] = [];
  out.push(`Report ${when(r.period.from)} → ${when(r.period.to)} (${r.period.timezone}), ${r.period.hotline ? `hotline ${r.period.hotline}` : 'all hotlines'}; made ${when(r.period.madeAt)}`);
  out.push('');
  out.push('Calls');
  out.push(
    table(
      ['calls', 'after hours', 'in progress', 'ended in hours', 'self-service', 'transferred', 'abandoned', 'first-contact resolution'],
      [[c.total, c.afterHours, c.inProgress, c.ended, pct(c.selfServiceRate), pct(c.transferRate), pct(c.abandonmentRate), pct(fcr.rate)]],
    ),
  );
  out.push(`  first contact: ${fcr.resolved} of ${fcr.judged} calls judged had no repeat call within 48 h; ${fcr.pending} still within 48 h, ${fcr.unknownCaller} without a caller number`);
  out.push(`  outcomes: ${Object.entries(c.outcomes).map(([o, n]) => `${o} ${n}`).join(', ')}`);
  out.push('');

  const hours = [...new Set(Object.values(c.byHotline).flatMap((h) => h.byHour.flatMap((n, hour) => (n > 0 ? [hour] : []))))].sort((a, b) => a - b);
  out.push(`Calls per hotline and hour (${r.period.timezone})`);
  const hotlines = Object.entries(c.byHotline).sort(([a], [b]) => (a < b ? -1 : 1));
  out.push(hotlines.length ? table(['hotline', 'total', ...hours.map((h) => `${String(h).padStart(2, '0')}h`)], hotlines.map(([id, h]) => [id, h.total, ...hours.map((hour) => h.byHour[hour])])) : '  (no calls)');
  out.push('');

  out.push('Tickets by category and SLA (open: due later than an hour; due: within the hour; breached: past due; met: resolved in time)');
  const cats = Object.entries(r.tickets.byCategory);
  out.push(
    cats.length
      ? table(['category', 'total', 'open', 'due', 'breached', 'met'], [...cats.map(([cat, f]) => [cat, f.total, f.open, f.due, f.breached, f.met]), ['all', r.tickets.total, r.tickets.open, r.tickets.due, r.tickets.breached, r.tickets.met]])
      : '  (no tickets)',
  );
  out.push('');

  const s = r.surveys;
  out.push('Satisfaction');
  out.push(table(['surveys sent', 'answered', 'response rate', 'ratings', 'average'], [[s.sent, s.answered, pct(s.responseRate), s.ratings.count, s.ratings.average === null ? '–' : s.ratings.average.toFixed(2)]]));
  const most = Math.max(1, ...Object.values(s.ratings.distribution));
  for (const [stars, n] of Object.entries(s.ratings.distribution).reverse()) out.push(`  ${stars}  ${'█'.repeat(Math.round((n / most) * 20)).padEnd(20)} ${n}`);
  out.push('');

  const waits = Object.entries(r.queues.byHotline);
  out.push('Waiting for an agent, per line (answered within 15 s: the VIP line promises it)');
  out.push(
    waits.length
      ? table(
          ['hotline', 'waited', 'answered', 'within 15 s', 'service level', 'average wait'],
          waits.map(([id, q]) => [id, q.waited, q.answered, q.answeredWithin15s, pct(q.serviceLevel), q.averageWaitSec === null ? '–' : `${Math.round(q.averageWaitSec)} s`]),
        )
      : '  (nobody waited)',
  );
  out.push('');

  if (r.callbacks) {
    const cb = r.callbacks;
    const sec = (s: number | null) => (s === null ? '–' : s < 120 ? `${Math.round(s)} s` : `${Math.round(s / 60)} min`);
    out.push('Call backs promised (placed within the promise, late, not placed; answered or given up after every attempt)');
    out.push(
      cb.promised
        ? table(
            ['category', 'promised', 'within', 'late', 'missed', 'waiting', 'within promise', 'answered', 'exhausted', 'first call median', 'p95'],
            [...Object.entries(cb.byCategory), ['all', cb] as const].map(([cat, f]) => [cat, f.promised, f.withinPromise, f.late, f.missed, f.waiting, pct(f.withinPromiseRate), f.answered, f.exhausted, sec(f.firstCallSec.median), sec(f.firstCallSec.p95)]),
          )
        : '  (none promised)',
    );
    out.push('');
  }

  out.push('Top paths');
  out.push(r.topPaths.length ? table(['calls', 'path'], r.topPaths.map((p) => [p.calls, p.path.join(' › ')])) : '  (no calls)');
  out.push('');

  const answered = r.answers.byNode;
  out.push(`Answers per menu and entry: by speech or keys (speech share over all: ${pct(r.answers.speechShare)}); of the spoken, no match and low confidence`);
  out.push(
    answered.length
      ? table(
          ['flow', 'node', 'answers', 'keys', 'speech', 'speech share', 'unsure', 'no match', 'no-match rate', 'low confidence', 'low-conf. rate'],
          answered.map((n) => [n.flowId, n.node, n.answers, n.keys, n.speech, pct(n.speechShare), n.heard.unsure, n.heard.noMatch, pct(n.noMatchRate), n.lowConfidence, pct(n.lowConfidenceRate)]),
        )
      : '  (no answers)',
  );
  out.push('');

  const d = r.distress;
  out.push('Distressed callers (priority raised a step) and how their calls came out');
  out.push(
    d.calls
      ? [
          `  ${d.calls} calls (${Object.entries(d.byHotline).map(([h, n]) => `${h} ${n}`).join(', ')}); ${d.inProgress} still in the flow`,
          `  outcomes: ${Object.entries(d.outcomes).map(([o, n]) => `${o} ${n}`).join(', ')}`,
        ].join('\n')
      : '  (none)',
  );
  out.push('');

  out.push('A/B splits: outcomes per variant (rates over calls ended in service hours)');
  const splits = Object.entries(r.variants);
  for (const [split, variants] of splits) {
    out.push(`  ${split}`);
    const rows = Object.entries(variants).map(([name, v]) => [
      name, v.calls, v.ended, pct(v.selfServiceRate), pct(v.transferRate), pct(v.ticketRate), pct(v.abandonmentRate),
      v.surveys.ratings.count, v.surveys.ratings.average === null ? '–' : v.surveys.ratings.average.toFixed(2),
    ]);
    out.push(table(['variant', 'calls', 'ended', 'self-service', 'transferred', 'ticket', 'abandoned', 'ratings', 'avg rating'], rows).replace(/^/gm, '  '));
  }
  if (splits.length === 0) out.push('  (no split in the period)');
  out.push('');

  out.push('Where callers hang up (abandoned calls by their last node)');
  for (const [flow, steps] of Object.entries(r.dropOff)) {
    out.push(`  ${flow}`);
    out.push(table(['node', 'reached', 'hung up here', 'drop rate'], steps.map((st) => [st.node, st.reached, st.hungUpHere, pct(st.dropRate)])).replace(/^/gm, '  '));
  }
  if (Object.keys(r.dropOff).length === 0) out.push('  (no calls)');
  return `${out.join('\n')}\n`;
}
