// The `test` identity provider's own table: its side of each verification, as an outside provider keeps it, and
// deleted by `forget` once the identity module has read it (as PortOne's DELETE /certifications does).
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const testProviderCertifications = pgTable('test_provider_certifications', {
  id: text('id').primaryKey(),
  merchantUid: text('merchant_uid').notNull().unique(),
  /** The account that opened the window: only it may name the person. */
  userId: text('user_id').notNull(),
  /** The tester's stand-in for a CI: the same string is the same person. */
  person: text('person'),
  birthDate: text('birth_date'),
  certifiedAt: timestamp('certified_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})
