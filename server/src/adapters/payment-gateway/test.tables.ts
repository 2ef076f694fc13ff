// The `test` provider's own table: its side of each payment, as an outside gateway would keep it.
import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core'

export const testProviderPayments = pgTable('test_provider_payments', {
  id: text('id').primaryKey(),
  merchantUid: text('merchant_uid').notNull().unique(),
  /** The paying account: only it may decide in the test window. */
  payerId: text('payer_id'),
  name: text('name').notNull(),
  askedAmount: integer('asked_amount').notNull(),
  amount: integer('amount').notNull(),
  status: text('status').$type<'ready' | 'paid' | 'failed' | 'cancelled'>().notNull(),
  cancelledAmount: integer('cancelled_amount').notNull().default(0),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
})
