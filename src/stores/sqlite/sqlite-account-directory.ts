import type { AccountDirectory } from '../../services/accounts/account-directory';
import type { AccountRecord } from '../../services/accounts/account.schema';
import type { SqliteDatabase } from './open-sqlite';

type AccountRow = { id: string; phone: string; email: string | null; name: string; tier: AccountRecord['tier']; status: AccountRecord['status']; enterprise_id: string | null };

function toAccount(r: AccountRow): AccountRecord {
  return {
    id: r.id,
    phone: r.phone,
    ...(r.email !== null ? { email: r.email } : {}),
    name: r.name,
    tier: r.tier,
    status: r.status,
    ...(r.enterprise_id !== null ? { enterpriseId: r.enterprise_id } : {}),
  };
}

/** Accounts in the `accounts` table. Where several share a phone, the first loaded wins, as in memory. */
export function sqliteAccountDirectory(db: SqliteDatabase): AccountDirectory {
  const byPhone = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE phone = ? ORDER BY rowid LIMIT 1');
  const byId = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?');
  const byEnterprise = db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE enterprise_id = ? ORDER BY rowid LIMIT 1');
  const find = (row: AccountRow | undefined) => (row ? toAccount(row) : undefined);
  return {
    findByPhone: async (phone) => find(byPhone.get(phone)),
    findById: async (id) => find(byId.get(id)),
    findByEnterpriseId: async (eid) => find(byEnterprise.get(eid)),
  };
}

/**
 * Upserts accounts (read from ACCOUNTS_FILE at start) in one transaction: new ones are added,
 * known ids updated. Accounts missing from the file are kept. Returns how many were written.
 */
export function loadAccountsIntoSqlite(db: SqliteDatabase, accounts: readonly AccountRecord[]): number {
  const upsert = db.prepare(`
    INSERT INTO accounts (id, phone, email, name, tier, status, enterprise_id)
    VALUES (@id, @phone, @email, @name, @tier, @status, @enterpriseId)
    ON CONFLICT (id) DO UPDATE SET
      phone = excluded.phone, email = excluded.email, name = excluded.name,
      tier = excluded.tier, status = excluded.status, enterprise_id = excluded.enterprise_id`);
  db.transaction(() => {
    for (const a of accounts) upsert.run({ ...a, email: a.email ?? null, enterpriseId: a.enterpriseId ?? null });
  }).immediate();
  return accounts.length;
}
