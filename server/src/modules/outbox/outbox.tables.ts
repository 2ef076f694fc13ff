// The transactional outbox: domain events written in the same transaction as the change that causes them,
// delivered afterwards (at least once) by the dispatcher job.
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const outboxEvents = pgTable(
  'outbox_events',
  {
    id: text('id').primaryKey(),
    type: text('type').notNull(),
    /** What the event is about (e.g. a booking id), for operators and for "is anything pending about X". */
    subject: text('subject'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Not before this time: failed deliveries back off. */
    availableAt: timestamp('available_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    lastError: text('last_error'),
  },
  (t) => [
    index('outbox_events_pending_idx').on(t.availableAt, t.id).where(sql`${t.deliveredAt} is null`),
    index('outbox_events_subject_idx').on(t.subject),
  ],
)
