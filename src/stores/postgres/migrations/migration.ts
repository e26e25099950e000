/** One PostgreSQL schema change, applied once and recorded by `id` in `schema_migrations`. Never edit one that has shipped: add another. */
export type PgMigration = { id: string; sql: string };
