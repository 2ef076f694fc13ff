// Demo accounts for a first start with SEED_DEMO: an admin, an organizer, gate staff and a fan. Their passwords
// are random, made once per data directory and kept there (demo-logins.json, readable by its owner only), so that
// no two installations share a password and none is written in the code.
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { count, inArray } from 'drizzle-orm'
import type { Db } from '../adapters/db/database.ts'
import type { UserRole } from '../kernel/principal.ts'
import { users } from '../modules/auth/auth.tables.ts'
import type { AuthService } from '../modules/auth/index.ts'

export const DEMO_ACCOUNTS = [
  { role: 'admin', email: 'admin@trusticket.demo', name: '관리자' },
  { role: 'organizer', email: 'organizer@trusticket.demo', name: '공연기획사' },
  { role: 'staff', email: 'gate@trusticket.demo', name: '입장 안내' },
  { role: 'user', email: 'fan@trusticket.demo', name: '김팬' },
] as const satisfies readonly { role: UserRole; email: string; name: string }[]

export interface DemoLogin {
  role: UserRole
  email: string
  password: string
}

export const DEMO_LOGINS_FILE = 'demo-logins.json'

/** 16 characters from 96 random bits: nothing a dictionary or a guess finds. */
const randomPassword = () => randomBytes(12).toString('base64url')

function readLogins(file: string): DemoLogin[] {
  if (!existsSync(file)) return []
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[]
  return Array.isArray(parsed) ? parsed : []
}

/**
 * Seeds only an empty database, so restarts and real data are never touched. Returns the demo logins whose
 * accounts exist and whose passwords this data directory holds.
 */
export async function seedDemoAccounts(db: Db, auth: AuthService, dataDir: string): Promise<DemoLogin[]> {
  const file = join(dataDir, DEMO_LOGINS_FILE)
  const [row] = await db.select({ n: count() }).from(users)
  if ((row?.n ?? 0) === 0) {
    const logins = DEMO_ACCOUNTS.map(({ role, email }) => ({ role, email, password: randomPassword() }))
    // Written before the accounts exist, so a crash in between never leaves accounts nobody can log in to.
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(file, `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 })
    for (const [i, a] of DEMO_ACCOUNTS.entries())
      await auth.createUser({ email: a.email, password: logins[i]!.password, name: a.name, role: a.role })
  }
  const kept = readLogins(file)
  const present = await db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        kept.map((a) => a.email),
      ),
    )
  const emails = new Set(present.map((p) => p.email))
  return kept.filter((a) => emails.has(a.email))
}
