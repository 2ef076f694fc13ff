// The embedded database: PostgreSQL compiled to WebAssembly, in memory or stored under DATA_DIR.
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import type { Database, Db } from './database.ts'
import { MIGRATIONS_DIR } from './database.ts'
import * as schema from './schema.ts'

/** `dataDir` undefined keeps everything in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Database> {
  const client = dataDir ? await PGlite.create(dataDir) : await PGlite.create()
  const db = drizzle(client, { schema }) as unknown as Db
  await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_DIR })
  return {
    kind: 'pglite',
    db,
    ping: async () => {
      await db.execute(sql`select 1`)
    },
    close: () => client.close(),
  }
}
