import { DateTime } from 'luxon';
import type { AuditEntry, Release } from '../stores/releases/release-store';
import { formatReleaseDiff } from './format-release-diff';
import type { ReleaseDiff } from './release-diff';
import type { Versions } from './release-desk';

export const formatInstant = (ms: number, zone: string): string => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd HH:mm:ss ZZ");
const short = (id: string) => id.slice(0, 12);

/** `ivr versions`: the releases newest first, the active one marked, then the activations to come (and the audit, when asked). */
export function formatVersions(v: Versions, opts: { zone: string; audit?: boolean }): string {
  if (v.releases.length === 0) return 'no releases yet: `ivr publish -m "…"` publishes the working files (so does the first `ivr serve`)\n';
  const seqOf = new Map(v.releases.map((r) => [r.id, r.seq]));
  const name = (id: string | undefined) => (id === undefined ? '(none)' : `release ${seqOf.get(id) ?? '?'} (${short(id)})`);
  const lines = ['   #  id            published                   by                message'];
  for (const r of [...v.releases].reverse()) {
    lines.push(`${r.id === v.active ? '*' : ' '} ${String(r.seq).padStart(2)}  ${short(r.id)}  ${formatInstant(r.createdAt, opts.zone)}  ${r.by.padEnd(16)}  ${r.message}`);
  }
  lines.push('', `* active for new calls: ${name(v.active)}`);
  if (v.scheduled.length) {
    lines.push('', 'scheduled:');
    for (const s of v.scheduled) lines.push(`  ${formatInstant(s.activateAt, opts.zone)}  ${name(s.to)}  (${s.action} by ${s.by} at ${formatInstant(s.at, opts.zone)}: ${s.message})`);
  }
  if (opts.audit) {
    lines.push('', 'audit:');
    for (const e of v.audit) lines.push(`  ${auditLine(e, name, opts.zone)}`);
  }
  return `${lines.join('\n')}\n`;
}

export function auditLine(e: AuditEntry, name: (id: string | undefined) => string, zone: string): string {
  const when = e.activateAt !== e.at ? `, active from ${formatInstant(e.activateAt, zone)}` : '';
  return `${formatInstant(e.at, zone)}  ${e.by}: ${e.action} ${name(e.from)} → ${name(e.to)}${when}  "${e.message}"`;
}

/** What `ivr publish` and `ivr rollback` print: the release, when it is active, and what changed for callers. */
export function formatReleaseChange(c: { verb: 'published' | 'activated'; release: Release; created?: boolean; from?: Release; unchanged: boolean; activateAt: number; now: number; diff: ReleaseDiff }, zone: string): string {
  const r = c.release;
  const head = `release ${r.seq} (${short(r.id)})`;
  if (c.unchanged) return `${head} is already active for new calls: nothing changed\n`;
  const lines = [c.verb === 'published' && c.created === false ? `${head}: these files were published before; activating it again` : `${head} ${c.verb}: "${c.verb === 'published' ? r.message : `${r.message}`}"`];
  const was = c.from ? `release ${c.from.seq} (${short(c.from.id)})` : 'none';
  lines.push(
    c.activateAt > c.now
      ? `active for new calls from ${formatInstant(c.activateAt, zone)} (until then: ${was})`
      : `active for new calls now (was ${was}); calls in progress keep their version; every server follows within RELEASE_POLL_INTERVAL_MS`,
  );
  lines.push(`changes from ${was}:`);
  return `${lines.join('\n')}\n${formatReleaseDiff(c.diff)}`;
}
