// Test harness: a clean database per test (PGlite in memory, or a fresh schema in the real PostgreSQL) and a
// fully composed app on it. Storage suites run once per entry of `storages`.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import pino from 'pino'
import type { Database } from '../src/adapters/db/database.ts'
import { openPglite } from '../src/adapters/db/pglite.ts'
import { openPostgres } from '../src/adapters/db/postgres.ts'
import { type App, composeApp, type Overrides } from '../src/app.ts'
import { type Config, parseConfig } from '../src/config.ts'

export type StorageKind = 'pglite' | 'postgres'

export const storages: StorageKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

/** argon2id still, but cheap: tests sign up hundreds of accounts. Production uses OWASP's parameters. */
export const TEST_HASHING = { memoryCost: 1024, timeCost: 1, parallelism: 1 }

export async function openTestDatabase(kind: StorageKind): Promise<Database> {
  if (kind === 'pglite') return openPglite()
  // A fresh database, not a schema: generated migrations name "public" in their foreign keys.
  const url = process.env.TEST_DATABASE_URL!
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openPostgres(target.toString(), { poolSize: 10 })
  return {
    ...database,
    async close() {
      await database.close()
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
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
