// The tables the identity module owns. What is kept of a person: a keyed hash of their CI (to tell one person from
// another, and nothing else), the birth year (age limits) and when they verified. Never the name, the phone number,
// the raw CI or the DI.
import { integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core'
import { users } from '../auth/auth.tables.ts'

/** One verified person per account and one account per person: both keys are unique. */
export const identityLinks = pgTable('identity_links', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** HMAC-SHA256 of the CI under the server's identity key, base64url. */
  personHash: text('person_hash').notNull().unique(),
  birthYear: integer('birth_year').notNull(),
  provider: text('provider').$type<'test' | 'portone'>().notNull(),
  verifiedAt: timestamp('verified_at', { withTimezone: true }).notNull(),
})

/** Each opened verification window; completing it is allowed once, by the account that opened it. */
export const identityVerifications = pgTable('identity_verifications', {
  id: text('id').primaryKey(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  provider: text('provider').$type<'test' | 'portone'>().notNull(),
  status: text('status').$type<'pending' | 'verified'>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
})

/**
 * A person's closed accounts (회원탈퇴 while linked). The link is gone, so the person may verify a new account, but the
 * closed one's places and tickets stay; an event that counts per person (requireIdentity) counts them for the new
 * account too. Only the same keyed hash as the link, and the account id.
 */
export const identityReleases = pgTable(
  'identity_releases',
  {
    personHash: text('person_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    releasedAt: timestamp('released_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.personHash, t.userId] })],
)
