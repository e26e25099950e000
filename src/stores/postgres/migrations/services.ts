import type { PgMigration } from './migration';

/**
 * Tables of the caller services: accounts, the identity check, tickets, the SMS outbox. Times are
 * epoch ms in BIGINT, as in SQLite, so both stores read alike.
 */
export const PG_SERVICES_MIGRATIONS: PgMigration[] = [
  {
    id: '0001_accounts',
    sql: `
      CREATE TABLE accounts (
        id            TEXT PRIMARY KEY,
        -- Load order: a phone shared by two accounts belongs to the first loaded, as in SQLite.
        seq           BIGSERIAL NOT NULL,
        phone         TEXT NOT NULL,
        email         TEXT,
        name          TEXT NOT NULL,
        tier          TEXT NOT NULL CHECK (tier IN ('standard', 'enterprise')),
        status        TEXT NOT NULL CHECK (status IN ('active', 'banned')),
        enterprise_id TEXT
      );
      CREATE INDEX accounts_phone ON accounts (phone, seq);
      CREATE INDEX accounts_enterprise_id ON accounts (enterprise_id, seq);
    `,
  },
  {
    id: '0002_otp',
    sql: `
      CREATE TABLE otp_state (
        account_id   TEXT PRIMARY KEY,
        code_hash    TEXT,
        salt         TEXT,
        expires_at   BIGINT,
        failures     INTEGER NOT NULL DEFAULT 0,
        locked_until BIGINT
      );
      CREATE TABLE otp_lookups (
        caller     TEXT NOT NULL,
        account_id TEXT NOT NULL,
        at         BIGINT NOT NULL,
        PRIMARY KEY (caller, account_id)
      );
    `,
  },
  {
    id: '0003_tickets',
    sql: `
      CREATE TABLE tickets (
        id            TEXT PRIMARY KEY,
        key           TEXT NOT NULL UNIQUE,
        hotline       TEXT NOT NULL,
        category      TEXT NOT NULL,
        priority      TEXT NOT NULL,
        status        TEXT NOT NULL,
        call_sid      TEXT NOT NULL,
        caller_phone  TEXT NOT NULL,
        account_id    TEXT,
        lang          TEXT NOT NULL,
        summary       TEXT NOT NULL,
        path          JSONB NOT NULL,
        vars          JSONB NOT NULL,
        recording_url TEXT,
        created_at    BIGINT NOT NULL,
        due_at        BIGINT NOT NULL,
        sla_minutes   INTEGER NOT NULL,
        notes         JSONB NOT NULL,
        rating        INTEGER CHECK (rating BETWEEN 1 AND 5)
      );
      CREATE INDEX tickets_caller_phone ON tickets (caller_phone);
      CREATE INDEX tickets_call_sid ON tickets (call_sid);
      CREATE INDEX tickets_status_due ON tickets (status, due_at);
      CREATE INDEX tickets_created_at ON tickets (created_at, id);
    `,
  },
  {
    id: '0004_sms_outbox',
    sql: `
      CREATE TABLE sms_outbox (
        id              BIGSERIAL PRIMARY KEY,
        key             TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        to_phone        TEXT NOT NULL,
        from_phone      TEXT NOT NULL,
        body            TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        claimed_until   BIGINT NOT NULL DEFAULT 0,
        claimed_by      TEXT,
        sid             TEXT,
        last_error      TEXT,
        created_at      BIGINT NOT NULL,
        sent_at         BIGINT
      );
      -- The sender's claim scans only what is still pending.
      CREATE INDEX sms_outbox_due ON sms_outbox (next_attempt_at, id) WHERE status = 'pending';
    `,
  },
];
