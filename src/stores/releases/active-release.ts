import type { AuditEntry, Release } from './release-store';

/** The release the audit makes active at `now`: the latest activation not after it (ties: the later line). */
export function activeOf(audit: readonly AuditEntry[], now: number): string | undefined {
  let best: AuditEntry | undefined;
  for (const e of audit) {
    if (e.activateAt > now) continue;
    if (!best || e.activateAt > best.activateAt || (e.activateAt === best.activateAt && e.id > best.id)) best = e;
  }
  return best?.to;
}

/** Activations still to come at `now`, soonest first; one overruled by a later line for the same time (a cancel) is not. */
export function scheduledAfter(audit: readonly AuditEntry[], now: number): AuditEntry[] {
  return audit
    .filter((e) => e.activateAt > now && !overruled(e, audit))
    .sort((a, b) => a.activateAt - b.activateAt || a.id - b.id);
}

/** A later line activates something else at the same time: this one never takes effect. */
export function overruled(entry: AuditEntry, audit: readonly AuditEntry[]): boolean {
  return audit.some((e) => e.id > entry.id && e.activateAt === entry.activateAt);
}

/** A release named by sequence number ("3"), full id, or an id prefix of at least 4 hex digits; ambiguous prefixes match nothing. */
export function matchRelease(releases: readonly Release[], ref: string): Release | undefined {
  if (/^\d+$/.test(ref)) {
    const bySeq = releases.find((r) => r.seq === Number(ref));
    if (bySeq) return bySeq;
  }
  const exact = releases.find((r) => r.id === ref);
  if (exact) return exact;
  if (!/^[0-9a-f]{4,}$/.test(ref)) return undefined;
  const matches = releases.filter((r) => r.id.startsWith(ref));
  return matches.length === 1 ? matches[0] : undefined;
}
