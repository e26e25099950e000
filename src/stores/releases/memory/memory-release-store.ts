import { activeOf, matchRelease } from '../active-release';
import type { AuditEntry, Release, ReleaseStore } from '../release-store';

/** Releases in this process only (DATABASE_URL=memory:, tests): lost when it exits. */
export function memoryReleaseStore(): ReleaseStore {
  const releases: Release[] = [];
  const blobs = new Map<string, Buffer>();
  const audit: AuditEntry[] = [];
  return {
    async put(r) {
      const existing = releases.find((x) => x.id === r.id);
      if (existing) return { release: existing, created: false };
      for (const [sha, content] of r.contents) if (!blobs.has(sha)) blobs.set(sha, content);
      const { contents: _contents, ...rest } = r;
      const release: Release = { ...rest, seq: releases.length + 1 };
      releases.push(release);
      return { release, created: true };
    },
    find: async (ref) => matchRelease(releases, ref),
    list: async () => [...releases],
    content: async (sha) => blobs.get(sha),
    holding: async (flowId, version) => releases.filter((r) => r.flows.some((f) => f.flowId === flowId && f.version === version)).reverse(),
    async record(entry) {
      const line = { ...entry, id: audit.length + 1 };
      audit.push(line);
      return line;
    },
    audit: async () => [...audit],
    activeAt: async (now) => activeOf(audit, now),
    close: async () => undefined,
  };
}
