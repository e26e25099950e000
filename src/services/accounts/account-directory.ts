import type { AccountRecord } from './account.schema';

/** Where accounts are looked up. Implementations: in memory (from a YAML/JSON file), SQLite, PostgreSQL, HTTP. */
export interface AccountDirectory {
  findByPhone(e164: string): Promise<AccountRecord | undefined>;
  findById(id: string): Promise<AccountRecord | undefined>;
  findByEnterpriseId(enterpriseId: string): Promise<AccountRecord | undefined>;
}

export function memoryAccountDirectory(accounts: readonly AccountRecord[]): AccountDirectory {
  return {
    findByPhone: async (phone) => accounts.find((a) => a.phone === phone),
    findById: async (id) => accounts.find((a) => a.id === id),
    findByEnterpriseId: async (eid) => accounts.find((a) => a.enterpriseId === eid),
  };
}
