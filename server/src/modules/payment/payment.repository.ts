// The payment module's queries. History is only ever inserted.
import { and, desc, eq, inArray, lt, lte, sql } from 'drizzle-orm'
import type { DbOrTx, Tx } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import { type PaymentStatus, paymentHistory, payments } from './payment.tables.ts'

export type PaymentRow = typeof payments.$inferSelect
export type HistoryRow = typeof paymentHistory.$inferSelect

export const paymentRepository = {
  async insert(db: DbOrTx, row: typeof payments.$inferInsert) {
    const [inserted] = await db.insert(payments).values(row).returning()
    return inserted!
  },

  async find(db: DbOrTx, id: string, options: { lock?: boolean } = {}) {
    const query = db.select().from(payments).where(eq(payments.id, id))
    const rows = options.lock ? await query.for('update') : await query
    return rows[0]
  },

  async update(tx: DbOrTx, id: string, patch: Partial<typeof payments.$inferInsert>) {
    const [row] = await tx.update(payments).set(patch).where(eq(payments.id, id)).returning()
    return row!
  },

  async appendHistory(db: DbOrTx, row: typeof paymentHistory.$inferInsert) {
    await db.insert(paymentHistory).values(row)
  },

  async history(db: DbOrTx, paymentId: string) {
    return db.select().from(paymentHistory).where(eq(paymentHistory.paymentId, paymentId)).orderBy(paymentHistory.at)
  },

  async page(db: DbOrTx, by: { userId: string } | { eventId: string }, limit: number, before?: string) {
    const owner = 'userId' in by ? eq(payments.userId, by.userId) : eq(payments.eventId, by.eventId)
    return db
      .select()
      .from(payments)
      .where(and(owner, before ? lt(payments.id, before) : undefined))
      .orderBy(desc(payments.id))
      .limit(limit)
  },

  async ofBooking(db: DbOrTx, bookingId: string, statuses: PaymentStatus[]) {
    return db
      .select()
      .from(payments)
      .where(and(eq(payments.bookingId, bookingId), inArray(payments.status, statuses)))
  },

  /**
   * Leases refunds that are due: their next try moves `leaseMs` ahead, so another worker leaves them alone while
   * this one talks to the provider; a crashed worker's lease simply runs out.
   */
  async leaseDueRefunds(tx: Tx, now: Date, leaseMs: number, limit: number, onlyId?: string) {
    const due = await tx
      .select({ id: payments.id })
      .from(payments)
      .where(
        and(
          eq(payments.status, 'refund_pending'),
          lte(payments.nextRefundAt, now),
          onlyId ? eq(payments.id, onlyId) : undefined,
        ),
      )
      .orderBy(payments.nextRefundAt)
      .limit(limit)
      .for('update', { skipLocked: true })
    if (due.length === 0) return []
    return tx
      .update(payments)
      .set({ nextRefundAt: new Date(now.getTime() + leaseMs), refundAttempts: sql`${payments.refundAttempts} + 1` })
      .where(
        inArray(
          payments.id,
          due.map((d) => d.id),
        ),
      )
      .returning()
  },
}

/** Builds payment-history rows (append-only) stamped with a fresh id and the current time. */
export function historyNotes(newId: IdGenerator, clock: Clock) {
  return (paymentId: string, kind: string, status: string | null, data: Record<string, unknown> = {}) => ({
    id: newId(),
    paymentId,
    at: clock.now(),
    kind,
    status,
    data,
  })
}
