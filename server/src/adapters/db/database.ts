// The storage capability every module gets: a Drizzle database over PGlite or PostgreSQL, the same SQL on both.
// Queries name their tables (each module's `*.tables.ts`); no relational query API, so no schema is registered.
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'

type NoSchema = Record<string, never>
export type Db = PgDatabase<PgQueryResultHKT, NoSchema>
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>
/** Either the database or a transaction in it: repositories accept both. */
export type DbOrTx = Db | Tx

export interface Database {
  readonly kind: 'pglite' | 'postgres'
  readonly db: Db
  ping(): Promise<void>
  close(): Promise<void>
}

export const MIGRATIONS_DIR = new URL('../../../migrations', import.meta.url).pathname
