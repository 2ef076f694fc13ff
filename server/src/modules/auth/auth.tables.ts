// The tables the auth module owns.
import { bigserial, index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  /** The mailbox the address delivers to (auth.rules mailboxKey): one account per mailbox, whatever its aliases. */
  emailKey: text('email_key').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['user', 'organizer', 'staff', 'admin'] })
    .notNull()
    .default('user'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Raised to end every login at once (log out everywhere, role change, disabling); access tokens carry it. */
  sessionVersion: integer('session_version').notNull().default(0),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  /** Closed (회원탈퇴): email and name are pseudonymised; bookings and payments stay, without them. */
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
})

/** One row per issued refresh token; only its SHA-256 is kept. A family is one login's chain of rotations. */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: text('family_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_user_idx').on(t.userId)],
)

/** Signing keys shared by every process that uses this database. */
export const authKeys = pgTable('auth_keys', {
  name: text('name').primaryKey(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Every ended session, for the access tokens still alive (15 minutes at most): a login (`familyId`) or all of an
 * account's logins below `minVersion`. Processes hear of one at once through the hot path and read this table
 * now and then in case a message was lost.
 */
export const authRevocations = pgTable(
  'auth_revocations',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    userId: text('user_id').notNull(),
    familyId: text('family_id'),
    minVersion: integer('min_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('auth_revocations_created_idx').on(t.createdAt)],
)
