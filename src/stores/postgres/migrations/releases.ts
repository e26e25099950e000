import type { PgMigration } from './migration';

/**
 * Published releases of the flows directory (src/stores/releases): each file's content once by
 * its sha256, each release's manifest and flow versions, and the audit whose lines activate them.
 */
export const PG_RELEASE_MIGRATIONS: PgMigration[] = [
  {
    id: 'releases_0001',
    sql: `
      CREATE TABLE release_blobs (
        sha256  TEXT PRIMARY KEY,
        content BYTEA NOT NULL
      );
      CREATE TABLE releases (
        id         TEXT PRIMARY KEY,
        seq        BIGINT NOT NULL UNIQUE,
        message    TEXT NOT NULL,
        created_by TEXT NOT NULL,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE release_files (
        release_id TEXT NOT NULL REFERENCES releases (id),
        path       TEXT NOT NULL,
        sha256     TEXT NOT NULL REFERENCES release_blobs (sha256),
        PRIMARY KEY (release_id, path)
      );
      CREATE TABLE release_flows (
        flow_id    TEXT NOT NULL,
        version    TEXT NOT NULL,
        release_id TEXT NOT NULL REFERENCES releases (id),
        PRIMARY KEY (flow_id, version, release_id)
      );
      CREATE INDEX release_flows_release ON release_flows (release_id);
      CREATE TABLE release_audit (
        id           BIGSERIAL PRIMARY KEY,
        action       TEXT NOT NULL CHECK (action IN ('publish', 'rollback')),
        done_by      TEXT NOT NULL,
        done_at      BIGINT NOT NULL,
        activate_at  BIGINT NOT NULL,
        from_release TEXT REFERENCES releases (id),
        to_release   TEXT NOT NULL REFERENCES releases (id),
        message      TEXT NOT NULL
      );
      CREATE INDEX release_audit_activate_at ON release_audit (activate_at, id);
    `,
  },
];
