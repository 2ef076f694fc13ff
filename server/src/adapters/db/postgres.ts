// PostgreSQL through node-postgres. Several processes may start at once: migrations run under an advisory lock.
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import pg from 'pg'
import type { Database, Db } from './database.ts'
import { MIGRATIONS_DIR } from './database.ts'

const MIGRATION_LOCK = 7_240_519 // any constant shared by every Trusticket process

export interface PostgresOptions {
  poolSize?: number
}

export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 20,
  })
  pool.on('error', () => {}) // an idle client's broken connection is replaced on next use
  const db = drizzle(pool) as unknown as Db
  const lockClient = await pool.connect()
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK])
    await migrate(drizzle(lockClient), { migrationsFolder: MIGRATIONS_DIR })
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {})
    lockClient.release()
  }
  return {
    kind: 'postgres',
    db,
    ping: async () => {
      await db.execute(sql`select 1`)
    },
    close: () => pool.end(),
  }
}
