// The identity module's queries; plain rows in, plain rows out.
import { and, eq, sql } from 'drizzle-orm'
import type { DbOrTx } from '../../adapters/db/database.ts'
import { identityLinks, identityReleases, identityVerifications } from './identity.tables.ts'

export type LinkRow = typeof identityLinks.$inferSelect
export type VerificationRow = typeof identityVerifications.$inferSelect

export const identityRepository = {
  async linkOf(db: DbOrTx, userId: string): Promise<LinkRow | null> {
    const [row] = await db.select().from(identityLinks).where(eq(identityLinks.userId, userId))
    return row ?? null
  },
  async linkOfPerson(db: DbOrTx, personHash: string): Promise<LinkRow | null> {
    const [row] = await db.select().from(identityLinks).where(eq(identityLinks.personHash, personHash))
    return row ?? null
  },
  /** The link, unless another account holds the person (then null: the caller says already linked). */
  async insertLink(db: DbOrTx, row: LinkRow): Promise<LinkRow | null> {
    const [inserted] = await db.insert(identityLinks).values(row).onConflictDoNothing().returning()
    return inserted ?? null
  },
  /** Frees the person for another account, remembering this one as theirs (identityReleases). */
  async release(db: DbOrTx, userId: string, at: Date): Promise<void> {
    await db.execute(sql`insert into identity_releases (person_hash, user_id, released_at)
      select person_hash, user_id, ${at.toISOString()}::timestamptz from identity_links where user_id = ${userId}
      on conflict do nothing`)
    await db.delete(identityLinks).where(eq(identityLinks.userId, userId))
  },
  /** The closed accounts of the person this account is linked to. */
  async closedAccountsOf(db: DbOrTx, userId: string): Promise<string[]> {
    const rows = await db
      .select({ userId: identityReleases.userId })
      .from(identityReleases)
      .innerJoin(identityLinks, eq(identityLinks.personHash, identityReleases.personHash))
      .where(eq(identityLinks.userId, userId))
    return rows.map((r) => r.userId)
  },
  async insertVerification(db: DbOrTx, row: VerificationRow): Promise<void> {
    await db.insert(identityVerifications).values(row)
  },
  async verificationOf(db: DbOrTx, id: string, userId: string): Promise<VerificationRow | null> {
    const [row] = await db
      .select()
      .from(identityVerifications)
      .where(and(eq(identityVerifications.id, id), eq(identityVerifications.userId, userId)))
    return row ?? null
  },
  async markVerified(db: DbOrTx, id: string, at: Date): Promise<void> {
    await db
      .update(identityVerifications)
      .set({ status: 'verified', completedAt: at })
      .where(eq(identityVerifications.id, id))
  },
}
