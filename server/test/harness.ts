// Test harness: a clean database per test (PGlite in memory, or a fresh schema in the real PostgreSQL) and a
// fully composed app on it. Storage suites run once per entry of `storages`.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import pino from 'pino'
import type { Database } from '../src/adapters/db/database.ts'
import { migratedPgliteDump, openPglite } from '../src/adapters/db/pglite.ts'
import { openPostgres } from '../src/adapters/db/postgres.ts'
import { type App, composeApp, type Overrides } from '../src/app.ts'
import { type Config, parseConfig } from '../src/config.ts'

export type StorageKind = 'pglite' | 'postgres'

export const storages: StorageKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/** argon2id still, but cheap: tests sign up hundreds of accounts. Production uses OWASP's parameters. */
export const TEST_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 }

/**
 * A fresh, empty PostgreSQL database for one test (or one spawned server), on the server TEST_DATABASE_URL names.
 * Per database, not per schema: generated migrations name the `public` schema. drop() removes it.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL
  if (!base) throw new Error('TEST_DATABASE_URL is not set')
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    try {
      await client.query(statement)
    } finally {
      await client.end()
    }
  }
  await admin(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) }
}

let pgliteTemplate: Promise<Blob> | undefined

export async function openTestDatabase(kind: StorageKind): Promise<Database> {
  if (kind === 'pglite') {
    pgliteTemplate ??= migratedPgliteDump()
    return openPglite(undefined, await pgliteTemplate)
  }
  const fresh = await createTestDatabase()
  const database = await openPostgres(fresh.url, { poolSize: 10 })
  return {
    ...database,
    async close() {
      await database.close()
      await fresh.drop()
    },
  }
}

export interface TestApp extends App {
  config: Config
}

export async function startTestApp(
  kind: StorageKind,
  env: Record<string, string> = {},
  overrides: Overrides = {},
): Promise<TestApp> {
  const config = parseConfig({ SEED_DEMO: 'off', LOG_LEVEL: 'silent', ...env })
  const database = overrides.database ?? (await openTestDatabase(kind))
  const app = await composeApp(config, {
    logger: pino({ level: 'silent' }),
    hashing: TEST_HASHING,
    ...overrides,
    database,
  })
  await app.http.ready()
  return Object.assign(app, { config })
}
