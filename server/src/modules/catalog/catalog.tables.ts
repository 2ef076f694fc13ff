// The tables the catalog module owns: events and their seat grades (with live inventory).
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const EVENT_CATEGORIES = [
  'concert',
  'musical',
  'play',
  'classical',
  'festival',
  'exhibition',
  'sports',
  'other',
] as const
export type EventCategory = (typeof EVENT_CATEGORIES)[number]
export const EVENT_STATUSES = ['upcoming', 'on_sale', 'sold_out', 'closed'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]
export type PaymentDeadlinePolicy = { policy: 'end_of_day' } | { policy: 'minutes'; minutes: number }

export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    organizerId: text('organizer_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    category: text('category').$type<EventCategory>().notNull(),
    performers: jsonb('performers').$type<string[]>().notNull().default([]),
    venueName: text('venue_name').notNull(),
    venueCity: text('venue_city').notNull(),
    venueAddress: text('venue_address'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    saleOpensAt: timestamp('sale_opens_at', { withTimezone: true }).notNull(),
    saleClosesAt: timestamp('sale_closes_at', { withTimezone: true }).notNull(),
    posterMediaId: text('poster_media_id'),
    perUserLimit: integer('per_user_limit').notNull().default(4),
    paymentDeadline: jsonb('payment_deadline').$type<PaymentDeadlinePolicy>().notNull(),
    /** Entry rules: joining needs a verified person (본인인증), and one at least this old (연 나이) when set. */
    requireIdentity: boolean('require_identity').notNull().default(false),
    minAge: integer('min_age'),
    /** Proof-of-work to join (ALTCHA): `cost` key derivations on average; null for none. */
    entryChallenge: jsonb('entry_challenge').$type<{ cost: number } | null>(),
    /** Joins from this time until saleOpensAt are registered and numbered by the opening draw; null for none. */
    preQueueOpensAt: timestamp('pre_queue_opens_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_starts_at_idx').on(t.startsAt, t.id),
    index('events_organizer_idx').on(t.organizerId),
    index('events_updated_at_idx').on(t.updatedAt),
  ],
)

/** `remaining` is the live inventory: the booking worker takes from it and returned seats add back. */
export const seatGrades = pgTable(
  'seat_grades',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    price: integer('price').notNull(),
    capacity: integer('capacity').notNull(),
    remaining: integer('remaining').notNull(),
  },
  (t) => [
    index('seat_grades_event_idx').on(t.eventId, t.position),
    check('seat_grades_remaining_bounds', sql`${t.remaining} >= 0 and ${t.remaining} <= ${t.capacity}`),
  ],
)
