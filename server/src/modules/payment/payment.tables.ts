// The tables the payment module owns: payment attempts (current state) and their append-only history. The built-in
// test provider keeps its own books beside its adapter (adapters/payment-gateway/test.tables.ts).
import { sql } from 'drizzle-orm'
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'

/**
 * `ready` (prepared) → `paid` | `failed`; a payment that must be given back goes `refund_pending` → `cancelled`
 * (the provider's word for a full refund). `failureCode` says why it did not end `paid`.
 */
export const PAYMENT_STATUSES = ['ready', 'paid', 'failed', 'refund_pending', 'cancelled'] as const
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]

export const payments = pgTable(
  'payments',
  {
    /** Also the merchant order id sent to the provider (PortOne's merchant_uid). */
    id: text('id').primaryKey(),
    bookingId: text('booking_id').notNull(),
    userId: text('user_id').notNull(),
    eventId: text('event_id').notNull(),
    amount: integer('amount').notNull(),
    provider: text('provider').notNull(),
    providerPaymentId: text('provider_payment_id'),
    status: text('status').$type<PaymentStatus>().notNull(),
    failureCode: text('failure_code'),
    /** What the provider actually took; differs from `amount` only on a mismatch. */
    paidAmount: integer('paid_amount'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    refundAttempts: integer('refund_attempts').notNull().default(0),
    /** For `refund_pending`: when the refund job may try (again); also its lease against other workers. */
    nextRefundAt: timestamp('next_refund_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payments_provider_payment_uq').on(t.provider, t.providerPaymentId),
    // Money for one booking is taken once: a second paid attempt is refunded, never recorded as paid.
    uniqueIndex('payments_one_paid_per_booking_uq').on(t.bookingId).where(sql`${t.status} = 'paid'`),
    index('payments_booking_idx').on(t.bookingId),
    index('payments_user_idx').on(t.userId, t.id),
    index('payments_event_idx').on(t.eventId, t.id),
    index('payments_refund_due_idx').on(t.nextRefundAt).where(sql`${t.status} = 'refund_pending'`),
  ],
)

/** Every attempt and every provider answer, append-only: rows are inserted, never updated or deleted. */
export const paymentHistory = pgTable(
  'payment_history',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** prepared | provider_answer | paid | failed | amount_mismatch | booking_expired | refund_requested | … */
    kind: text('kind').notNull(),
    status: text('status'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('payment_history_payment_idx').on(t.paymentId, t.at)],
)
