// The storage capability every module gets: a Drizzle database over PGlite or PostgreSQL, the same SQL on both.
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type * as schema from './schema.ts'

export type Schema = typeof schema
type Relations = ExtractTablesWithRelations<Schema>
export type Db = PgDatabase<PgQueryResultHKT, Schema, Relations>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, Relations>
/** Either the database or a transaction in it: repositories accept both. */
export type DbOrTx = Db | Tx

export interface Database {
  readonly kind: 'pglite' | 'postgres'
  readonly db: Db
  ping(): Promise<void>
  close(): Promise<void>
}

export const MIGRATIONS_DIR = new URL('../../../migrations', import.meta.url).pathname
