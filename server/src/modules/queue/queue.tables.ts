// The tables the queue module owns: per-event counters (join side), progress and lease (worker side), and entries.
// Joins and processing write different rows, so a surge of joins never waits on a batch being processed.
import { sql } from 'drizzle-orm'
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
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
/**
 * Stored only. `retired`: a failed entry whose account joined again at the back. `lapsed`: a won entry whose hold
 * expired unpaid (shown as succeeded; its booking says expired). Neither is the account's entry any more.
 */
export type StoredStatus = QueueStatus | 'retired' | 'lapsed'
/** An account whose holds lapsed this many times for one event may not join it again. */
export const LAPSED_HOLDS_BAR = 2
/** What an account's entry can be: a stored entry's status, or `registered` in a pre-queue before the draw. */
export const ENTRY_STATUSES = ['registered', ...QUEUE_STATUSES] as const
export type EntryStatus = (typeof ENTRY_STATUSES)[number]

/** Numbers are handed out under this row's lock, so committed entries always form the prefix 1..lastNumber. */
export const queueCounters = pgTable('queue_counters', {
  eventId: text('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  lastNumber: integer('last_number').notNull().default(0),
  /** Entries of the event whose hold lapsed: while 0 (every sale's first minutes), joins look for none. */
  lapsed: integer('lapsed').notNull().default(0),
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
    status: text('status').$type<StoredStatus>().notNull().default('waiting'),
    bookingId: text('booking_id'),
    reason: text('reason').$type<FailureReason>(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    /** The pseudonymous ticket of an entry numbered by the opening draw (null for later joins). */
    drawTicket: text('draw_ticket'),
    /**
     * Derived so that recording a result (status waiting → succeeded or failed) changes no indexed value: with free
     * room on the page (fillfactor 40, set in migration 0006) that update is HOT, writing no index entries.
     */
    active: boolean('active').notNull().generatedAlwaysAs(sql`status not in ('left', 'retired', 'lapsed')`),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.number] }),
    uniqueIndex('queue_entries_one_active_uq').on(t.eventId, t.userId).where(sql`active`),
    // Only entries that were left, for finding the latest one an account left: small, and not written on a join.
    index('queue_entries_left_idx').on(t.eventId, t.userId).where(sql`not active`),
  ],
)

export const DRAW_STATUSES = ['open', 'frozen', 'drawn'] as const
export type DrawStatus = (typeof DRAW_STATUSES)[number]

/**
 * An event's opening draw (docs/DRAW.md). Open while the pre-queue takes registrations; frozen at the opening (the
 * registered list's commitment is fixed and its numbers are reserved: `firstNumber` … `firstNumber + entries − 1`);
 * drawn once the seed is known and every registration has its entry. Every field is public except `secret`, which
 * is revealed when drawn (its SHA-256 is public from the start).
 */
export const queueDraws = pgTable('queue_draws', {
  eventId: text('event_id')
    .primaryKey()
    .references(() => events.id, { onDelete: 'cascade' }),
  status: text('status').$type<DrawStatus>().notNull().default('open'),
  secret: text('secret').notNull(),
  secretHash: text('secret_hash').notNull(),
  /** The drand chain whose round after the freeze goes into the seed; null when the draw uses no beacon. */
  beacon: jsonb('beacon').$type<{ chainHash: string; genesisTime: number; period: number } | null>(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  frozenAt: timestamp('frozen_at', { withTimezone: true }),
  entries: integer('entries'),
  commitment: text('commitment'),
  firstNumber: integer('first_number'),
  beaconRound: integer('beacon_round'),
  beaconRandomness: text('beacon_randomness'),
  beaconSignature: text('beacon_signature'),
  seed: text('seed'),
  drawnAt: timestamp('drawn_at', { withTimezone: true }),
})

/** Who joined in the pre-queue: one row per account, under a random ticket that the published list shows. */
export const queueRegistrations = pgTable(
  'queue_registrations',
  {
    eventId: text('event_id').notNull(),
    userId: text('user_id').notNull(),
    ticket: text('ticket').notNull(),
    gradeId: text('grade_id').notNull(),
    quantity: integer('quantity').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    /** Left after the freeze: the ticket stays in the list, and its drawn entry is made as left. */
    withdrawn: boolean('withdrawn').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    uniqueIndex('queue_registrations_ticket_uq').on(t.eventId, t.ticket),
  ],
)
