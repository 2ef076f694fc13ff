// Many accounts at once, inserted directly (argon2 would take minutes), each with an access token signed with the
// app's JWT_SECRET, exactly as a logged-in fan would hold one.
import type { Db } from '../src/adapters/db/database.ts'
import { newId } from '../src/kernel/ids.ts'
import { users } from '../src/modules/auth/auth.tables.ts'
import { createAccessTokens } from '../src/modules/auth/auth.tokens.ts'

export const TEST_JWT_SECRET = 'test-secret-for-fans-factory-0123456789abcdef'

export interface Fan {
  id: string
  token: string
}

export async function insertFans(
  db: Db,
  count: number,
  options: { secret?: string; role?: 'user' | 'admin'; birthYear?: number } = {},
): Promise<Fan[]> {
  const tokens = createAccessTokens(options.secret ?? TEST_JWT_SECRET)
  const now = Math.floor(Date.now() / 1000)
  const rows = Array.from({ length: count }, () => {
    const id = newId()
    return {
      id,
      email: `${id}@fans.example.com`,
      emailKey: `${id}@fans.example.com`,
      name: '팬',
      passwordHash: 'not-a-login',
      role: options.role ?? 'user',
    }
  })
  for (let i = 0; i < rows.length; i += 1000) await db.insert(users).values(rows.slice(i, i + 1000))
  return Promise.all(
    rows.map(async (r) => ({
      id: r.id,
      // A birth year in the token is how a verified person's account joins (본인인증, auth.tokens.ts `by`).
      token: await tokens.sign({ userId: r.id, role: r.role, birthYear: options.birthYear }, now),
    })),
  )
}
