// Storage for one surge run (a fresh PostgreSQL database or a fresh PGlite DATA_DIR) and its data.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import type { Database } from '../../server/src/adapters/db/database.ts'
import { openPglite } from '../../server/src/adapters/db/pglite.ts'
import { openPostgres } from '../../server/src/adapters/db/postgres.ts'

export interface BenchStorage {
  kind: 'pglite' | 'postgres'
  /** What a server process needs to open this storage. */
  env: Record<string, string>
  open(): Promise<Database>
  cleanup(): Promise<void>
}

export async function createStorage(kind: 'pglite' | 'postgres'): Promise<BenchStorage> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'trusticket-surge-'))
    return {
      kind,
      env: { DATA_DIR: dir },
      open: () => openPglite(join(dir, 'pg')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const base =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root:root@127.0.0.1:5432/test'
  const name = `surge_${Date.now().toString(36)}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    await client.query(statement).finally(() => client.end())
  }
  await admin(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    kind,
    env: { DATABASE_URL: url.toString() },
    open: () => openPostgres(url.toString(), { poolSize: 4 }),
    cleanup: () => admin(`drop database if exists ${name} with (force)`),
  }
}

/** Waiting entries written straight into the queue, as if `count` fans had joined: the worker's pure backlog. */
export async function insertBacklog(database: Database, eventId: string, gradeId: string, count: number) {
  await database.db.execute(sql`insert into queue_counters (event_id, last_number) values (${eventId}, ${count})`)
  await database.db.execute(sql`insert into queue_progress (event_id) values (${eventId})`)
  await database.db.execute(sql`insert into queue_entries (event_id, number, user_id, grade_id, quantity, status, joined_at)
    select ${eventId}, g, 'backlog-' || g, ${gradeId}, 1, 'waiting', now() from generate_series(1, ${count}) g`)
}
