// The tables the booking module owns: bookings (a held set of seats with a payment deadline) and their tickets.
import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const BOOKING_STATUSES = ['pending_payment', 'confirmed', 'cancelled', 'expired'] as const
export type BookingStatus = (typeof BOOKING_STATUSES)[number]
/** `valid` until the booking is cancelled or expires; the gate may add `used`. */
export const TICKET_STATUSES = ['valid', 'cancelled', 'used'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

export const bookings = pgTable(
  'bookings',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    gradeId: text('grade_id').notNull(),
    userId: text('user_id').notNull(),
    /** The queue entry this booking came from. */
    queueNumber: integer('queue_number'),
    quantity: integer('quantity').notNull(),
    amount: integer('amount').notNull(),
    status: text('status').$type<BookingStatus>().notNull().default('pending_payment'),
    payBy: timestamp('pay_by', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('bookings_user_idx').on(t.userId, t.id),
    index('bookings_event_user_idx').on(t.eventId, t.userId),
    index('bookings_pending_pay_by_idx').on(t.payBy),
  ],
)

export const tickets = pgTable(
  'tickets',
  {
    id: text('id').primaryKey(),
    bookingId: text('booking_id')
      .notNull()
      .references(() => bookings.id, { onDelete: 'cascade' }),
    eventId: text('event_id').notNull(),
    status: text('status').$type<TicketStatus>().notNull().default('valid'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** When the gate let its holder in (status `used`), and which staff account did. */
    usedAt: timestamp('used_at', { withTimezone: true }),
    checkedInBy: text('checked_in_by'),
  },
  (t) => [index('tickets_booking_idx').on(t.bookingId)],
)
