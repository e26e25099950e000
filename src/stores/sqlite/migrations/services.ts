import type { Migration } from './migration';

/** Tables of the caller services: accounts, the identity check, tickets, the SMS outbox. Times are epoch ms. */
export const SERVICES_MIGRATIONS: Migration[] = [
  {
    id: '0001_accounts',
    sql: `
      CREATE TABLE accounts (
        id            TEXT PRIMARY KEY,
        phone         TEXT NOT NULL,
        email         TEXT,
        name          TEXT NOT NULL,
        tier          TEXT NOT NULL CHECK (tier IN ('standard', 'enterprise')),
        status        TEXT NOT NULL CHECK (status IN ('active', 'banned')),
        enterprise_id TEXT
      );
      CREATE INDEX accounts_phone ON accounts (phone);
      CREATE INDEX accounts_enterprise_id ON accounts (enterprise_id);
    `,
  },
  {
    id: '0002_otp',
    sql: `
      CREATE TABLE otp_state (
        account_id   TEXT PRIMARY KEY,
        code_hash    TEXT,
        salt         TEXT,
        expires_at   INTEGER,
        failures     INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER
      );
      CREATE TABLE otp_lookups (
        caller     TEXT NOT NULL,
        account_id TEXT NOT NULL,
        at         INTEGER NOT NULL,
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
        path          TEXT NOT NULL,
        vars          TEXT NOT NULL,
        recording_url TEXT,
        created_at    INTEGER NOT NULL,
        due_at        INTEGER NOT NULL,
        sla_minutes   INTEGER NOT NULL,
        notes         TEXT NOT NULL
      );
      CREATE INDEX tickets_caller_phone ON tickets (caller_phone);
      CREATE INDEX tickets_call_sid ON tickets (call_sid);
      CREATE INDEX tickets_status_due ON tickets (status, due_at);
    `,
  },
  {
    id: '0004_sms_outbox',
    sql: `
      CREATE TABLE sms_outbox (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        key             TEXT NOT NULL UNIQUE,
        kind            TEXT NOT NULL,
        to_phone        TEXT NOT NULL,
        from_phone      TEXT NOT NULL,
        body            TEXT NOT NULL,
        status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        claimed_until   INTEGER NOT NULL DEFAULT 0,
        claimed_by      TEXT,
        sid             TEXT,
        last_error      TEXT,
        created_at      INTEGER NOT NULL,
        sent_at         INTEGER
      );
      CREATE INDEX sms_outbox_due ON sms_outbox (status, next_attempt_at);
    `,
  },
];
