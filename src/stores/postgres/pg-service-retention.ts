import type { ServiceRetentionStore } from '../../retention/service-retention';
import { retentionStatements } from '../rows/retention-sql';
import type { PgPool } from './open-postgres';

// Every `?` is the same cutoff: one parameter.
const numbered = (sql: string) => sql.replaceAll('?', '$1');

/** The caller services' retention in PostgreSQL. */
export function pgServiceRetention(pool: PgPool): ServiceRetentionStore {
  return {
    async count(kind, before) {
      const { rows } = await pool.query<{ n: string }>(numbered(retentionStatements(kind).count), [before]);
      return Number(rows[0].n);
    },
    purge: async (kind, before) => (await pool.query(numbered(retentionStatements(kind).purge), [before])).rowCount ?? 0,
  };
}
