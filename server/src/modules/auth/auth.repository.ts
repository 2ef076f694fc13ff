// The auth module's queries; plain rows in, plain rows out.
import { and, desc, eq, ilike, isNull, lt, or, type SQL, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../adapters/db/database.ts'
import { mailboxKey } from './auth.rules.ts'
import { authKeys, refreshTokens, users } from './auth.tables.ts'

export type UserRow = typeof users.$inferSelect

export const authRepository = {
  async insertUser(db: DbOrTx, row: typeof users.$inferInsert): Promise<UserRow | null> {
    // Either unique key taken (the address, or another alias of its mailbox): nothing inserted.
    const [inserted] = await db.insert(users).values(row).onConflictDoNothing().returning()
    return inserted ?? null
  },
  /** The account of this address's mailbox (any of its aliases). */
  async userByEmail(db: DbOrTx, email: string) {
    const [row] = await db
      .select()
      .from(users)
      .where(eq(users.emailKey, mailboxKey(email)))
    return row ?? null
  },
  async userById(db: DbOrTx, id: string) {
    const [row] = await db.select().from(users).where(eq(users.id, id))
    return row ?? null
  },
  /** Newest first (ids are time-ordered); `q` matches email or name anywhere, `%` and `_` taken literally. */
  async listUsers(db: DbOrTx, filter: { q?: string; role?: UserRow['role']; before?: string; limit: number }) {
    const conditions: SQL[] = []
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      conditions.push(or(ilike(users.email, pattern), ilike(users.name, pattern))!)
    }
    if (filter.role) conditions.push(eq(users.role, filter.role))
    if (filter.before) conditions.push(lt(users.id, filter.before))
    conditions.push(isNull(users.deletedAt))
    return db
      .select()
      .from(users)
      .where(and(...conditions))
      .orderBy(desc(users.id))
      .limit(filter.limit + 1)
  },
  /** Changes an account and raises its session version in one statement, so its access tokens end with it. */
  async updateAndEndSessions(db: DbOrTx, id: string, change: Partial<typeof users.$inferInsert>) {
    const [row] = await db
      .update(users)
      .set({ ...change, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, id), isNull(users.deletedAt)))
      .returning()
    return row ?? null
  },
  async revokeAllFamilies(db: DbOrTx, userId: string, at: Date) {
    await db
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
  },
  async deleteRefreshTokens(db: DbOrTx, userId: string) {
    await db.delete(refreshTokens).where(eq(refreshTokens.userId, userId))
  },
  async setPassword(db: DbOrTx, id: string, passwordHash: string) {
    await db.update(users).set({ passwordHash }).where(eq(users.id, id))
  },
  async insertRefreshToken(db: DbOrTx, row: typeof refreshTokens.$inferInsert) {
    await db.insert(refreshTokens).values(row)
  },
  async refreshTokenForUpdate(db: DbOrTx, id: string) {
    const [row] = await db.select().from(refreshTokens).where(eq(refreshTokens.id, id)).for('update')
    return row ?? null
  },
  async markUsed(db: DbOrTx, id: string, at: Date) {
    await db.update(refreshTokens).set({ usedAt: at }).where(eq(refreshTokens.id, id))
  },
  async revokeFamily(db: DbOrTx, familyId: string, at: Date) {
    await db
      .update(refreshTokens)
      .set({ revokedAt: at })
      .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
  },
  /** The signing secret shared by every process on this database; the first process to ask creates it. */
  async signingSecret(db: DbOrTx, name: string, candidate: string): Promise<string> {
    await db.insert(authKeys).values({ name, secret: candidate }).onConflictDoNothing()
    const [row] = await db.select().from(authKeys).where(eq(authKeys.name, name))
    return row!.secret
  },
}
