// Demo data for a first start: an admin, an organizer, gate staff and a fan, whose logins are printed.
import { count, inArray } from 'drizzle-orm'
import type { Db } from '../adapters/db/database.ts'
import { users } from '../modules/auth/auth.tables.ts'
import type { AuthService } from '../modules/auth/index.ts'

export const DEMO_ACCOUNTS = [
  { role: 'admin', email: 'admin@trusticket.demo', password: 'demo-admin-1234', name: '관리자' },
  { role: 'organizer', email: 'organizer@trusticket.demo', password: 'demo-organizer-1234', name: '공연기획사' },
  { role: 'staff', email: 'gate@trusticket.demo', password: 'demo-staff-1234', name: '입장 안내' },
  { role: 'user', email: 'fan@trusticket.demo', password: 'demo-fan-1234', name: '김팬' },
] as const

/** Seeds only an empty database, so restarts and real data are never touched. Returns the demo logins. */
export async function seedDemoAccounts(db: Db, auth: AuthService) {
  const [row] = await db.select({ n: count() }).from(users)
  const empty = (row?.n ?? 0) === 0
  if (empty) {
    for (const a of DEMO_ACCOUNTS)
      await auth.createUser({ email: a.email, password: a.password, name: a.name, role: a.role })
  }
  const present = await db
    .select({ email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        DEMO_ACCOUNTS.map((a) => a.email),
      ),
    )
  const emails = new Set(present.map((p) => p.email))
  return DEMO_ACCOUNTS.filter((a) => emails.has(a.email)).map(({ role, email, password }) => ({
    role,
    email,
    password,
  }))
}
