import type { ServiceRetentionKind } from './retention-policy';

/**
 * The caller services' data past its use (SMS texts, survey comments and numbers, code look-ups),
 * counted and purged by kind. Implementations: SQLite and PostgreSQL (`ivr purge` refuses the
 * memory store, which keeps nothing past its process).
 */
export interface ServiceRetentionStore {
  /** How many rows of `kind` made before `before` still hold what retention removes. */
  count(kind: ServiceRetentionKind, before: number): Promise<number>;
  /** Removes or redacts them; answers how many. */
  purge(kind: ServiceRetentionKind, before: number): Promise<number>;
}
