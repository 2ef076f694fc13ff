// The tables the queue module owns: per-event counters (join side), progress and lease (worker side), and entries.
// Joins and processing write different rows, so a surge of joins never waits on a batch being processed.
import { sql } from 'drizzle-orm'
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import type { FailureReason } from '../booking/index.ts'
import { events } from '../catalog/catalog.tables.ts'

export const QUEUE_STATUSES = ['waiting', 'succeeded', 'failed', 'left'] as const
export type QueueStatus = (typeof QUEUE_STATUSES)[number]

/** Numbers are handed out under this row's lock, so committed entries always form the prefix 1..lastNumber. */
export const queueCounters = pgTable('queue_counters', {
  eventId: text('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
})

/** Every entry numbered up to `servedUpTo` has its result. The lease keeps one processor per event. */
export const queueProgress = pgTable('queue_progress', {
  eventId: text('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  servedUpTo: integer('served_up_to').notNull().default(0),
  processedPerSecond: doublePrecision('processed_per_second').notNull().default(0),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** One row per place in an event's queue; (eventId, number) is its identity. No foreign keys: this is the hot insert. */
export const queueEntries = pgTable(
  'queue_entries',
  {
    eventId: text('event_id').notNull(),
    number: integer('number').notNull(),
    userId: text('user_id').notNull(),
    gradeId: text('grade_id').notNull(),
    quantity: integer('quantity').notNull(),
    status: text('status').$type<QueueStatus>().notNull().default('waiting'),
    bookingId: text('booking_id'),
    reason: text('reason').$type<FailureReason>(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /**
     * Derived so that recording a result (status waiting → succeeded or failed) changes no indexed value: with free
     * room on the page (fillfactor 40, set in migration 0006) that update is HOT, writing no index entries.
     */
    active: boolean('active').notNull().generatedAlwaysAs(sql`status <> 'left'`),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.number] }),
    uniqueIndex('queue_entries_one_active_uq').on(t.eventId, t.userId).where(sql`active`),
    // Only entries that were left, for finding the latest one an account left: small, and not written on a join.
    index('queue_entries_left_idx').on(t.eventId, t.userId).where(sql`not active`),
  ],
)
