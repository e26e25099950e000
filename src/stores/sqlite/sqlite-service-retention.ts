import type { ServiceRetentionStore } from '../../retention/service-retention';
import { cutoffParams, retentionStatements } from '../rows/retention-sql';
import type { SqliteDatabase } from './open-sqlite';

/** The caller services' retention on the SQLite file. */
export function sqliteServiceRetention(db: SqliteDatabase): ServiceRetentionStore {
  return {
    count: async (kind, before) => db.prepare<number[], { n: number }>(retentionStatements(kind).count).get(...cutoffParams(kind, before))!.n,
    purge: async (kind, before) => db.prepare<number[]>(retentionStatements(kind).purge).run(...cutoffParams(kind, before)).changes,
  };
}
