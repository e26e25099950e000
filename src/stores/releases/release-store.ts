/** One file of a release: its path inside the flows directory (with `/`), and its content's sha256. */
export type ManifestEntry = { path: string; sha256: string };

/** A release as stored: what was published, by whom, when, and which flow versions it holds. */
export type Release = {
  /** The hash of its manifest: the same files always make the same id. */
  id: string;
  /** 1, 2, 3…: the order releases were first published in, for people to name them by. */
  seq: number;
  message: string;
  by: string;
  createdAt: number;
  manifest: ManifestEntry[];
  /** `flowId@version` of every flow it compiles to. */
  flows: Array<{ flowId: string; version: string }>;
};

/** A new release: its files' contents travel with it and are stored once per sha256. */
export type NewRelease = Omit<Release, 'seq'> & { contents: ReadonlyMap<string, Buffer> };

/**
 * One line of the audit: a publish, a rollback, or a scheduled activation. Every line with
 * `activateAt` is an activation too: the release active at time t is the `to` of the line with
 * the latest `activateAt` not after t (ties: the later line).
 */
export type AuditEntry = {
  id: number;
  action: 'publish' | 'rollback';
  by: string;
  /** When it was done. */
  at: number;
  /** When `to` becomes active for new calls (= `at` unless scheduled). */
  activateAt: number;
  /** The release active when it was done, if any. */
  from?: string;
  to: string;
  message: string;
};

/**
 * Releases of the flows directory, content-addressed, in the database every server shares.
 * Implementations: memory (tests), SQLite and PostgreSQL.
 */
export interface ReleaseStore {
  /** Stores a release (its contents once per sha256); a release with the same id already there is kept as it was. */
  put(release: NewRelease): Promise<{ release: Release; created: boolean }>;
  /** By id, id prefix (at least 4 hex digits) or sequence number ("3"). */
  find(ref: string): Promise<Release | undefined>;
  /** Every release, oldest first. */
  list(): Promise<Release[]>;
  /** A file's content by its sha256. */
  content(sha256: string): Promise<Buffer | undefined>;
  /** The releases holding this flow version, newest first. */
  holding(flowId: string, version: string): Promise<Release[]>;
  /** Appends to the audit (and so activates `to` at `activateAt`). */
  record(entry: Omit<AuditEntry, 'id'>): Promise<AuditEntry>;
  /** The audit, oldest first. */
  audit(): Promise<AuditEntry[]>;
  /** The id of the release active at `now` (undefined before the first publish). */
  activeAt(now: number): Promise<string | undefined>;
  close(): Promise<void>;
}
