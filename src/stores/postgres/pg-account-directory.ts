import type { AccountDirectory } from '../../services/accounts/account-directory';
import type { AccountRecord } from '../../services/accounts/account.schema';
import { inTransaction, type PgPool } from './open-postgres';

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

const COLUMNS = 'id, phone, email, name, tier, status, enterprise_id';

/** Accounts in the `accounts` table. Where several share a phone, the first loaded wins, as in memory and SQLite. */
export function pgAccountDirectory(pool: PgPool): AccountDirectory {
  const one = async (sql: string, value: string) => {
    const { rows } = await pool.query<AccountRow>(sql, [value]);
    return rows[0] && toAccount(rows[0]);
  };
  return {
    findByPhone: (phone) => one(`SELECT ${COLUMNS} FROM accounts WHERE phone = $1 ORDER BY seq LIMIT 1`, phone),
    findById: (id) => one(`SELECT ${COLUMNS} FROM accounts WHERE id = $1`, id),
    findByEnterpriseId: (eid) => one(`SELECT ${COLUMNS} FROM accounts WHERE enterprise_id = $1 ORDER BY seq LIMIT 1`, eid),
  };
}

/**
 * Upserts accounts (read from ACCOUNTS_FILE at start) in one transaction: new ones are added,
 * known ids updated. Accounts missing from the file are kept. Servers starting together upsert
 * the same rows in the same order, so they wait for each other rather than deadlock.
 */
export async function loadAccountsIntoPostgres(pool: PgPool, accounts: readonly AccountRecord[]): Promise<number> {
  await inTransaction(pool, async (client) => {
    for (const a of accounts) {
      await client.query(
        `INSERT INTO accounts (id, phone, email, name, tier, status, enterprise_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (id) DO UPDATE SET phone = excluded.phone, email = excluded.email, name = excluded.name,
           tier = excluded.tier, status = excluded.status, enterprise_id = excluded.enterprise_id`,
        [a.id, a.phone, a.email ?? null, a.name, a.tier, a.status, a.enterpriseId ?? null],
      );
    }
  });
  return accounts.length;
}
