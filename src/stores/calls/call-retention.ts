/**
 * Removing call records once they are past retention (`ivr purge`), beside the CallStore they
 * belong to. Implementations: memory, SQLite and PostgreSQL (one DELETE … WHERE call_sid = ANY($1)).
 */
export interface CallRetentionStore {
  /** Deletes these call records; answers how many there were. */
  deleteCalls(callSids: readonly string[]): Promise<number>;
}
