// Giving money back. A refund is first decided in our database (status `refund_pending`, with why), then carried
// out at the provider — at once when possible, else by the `payment.refunds` job with backoff. The provider side
// is idempotent (a refunded payment answers as it stands), so a retry after a crash never refunds twice.
import type { Logger } from 'pino'
import type { Db } from '../../adapters/db/database.ts'
import { GatewayError, type PaymentGateway } from '../../adapters/payment-gateway/gateway.ts'
import type { Clock } from '../../kernel/clock.ts'
import { PAYMENT_REFUNDED, type PaymentRefunded, type RefundReason } from '../../kernel/domain-events.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Job } from '../../kernel/jobs.ts'
import type { BookingPayments } from '../booking/index.ts'
import type { Outbox } from '../outbox/index.ts'
import { historyNotes, type PaymentRow, paymentRepository as repo } from './payment.repository.ts'

export interface RefundDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  outbox: Outbox
  gateway: PaymentGateway
  /** A cancelled booking is released when its refund lands. */
  bookings: Pick<BookingPayments, 'releaseRefunded'>
  logger: Logger
}

/** How long a worker may hold a refund while it talks to the provider. */
const LEASE_MS = 60_000
const retryDelayMs = (attempts: number) => Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempts - 1))

export function createRefunds(deps: RefundDeps) {
  const { db, clock, newId, outbox, gateway, logger } = deps
  const note = historyNotes(newId, clock)

  /** Carries out one leased refund; records what the provider said either way. */
  async function carryOut(row: PaymentRow): Promise<PaymentRow> {
    const reason = (row.failureCode ?? 'booking_cancelled') as RefundReason
    try {
      let providerPaymentId = row.providerPaymentId
      let taken = row.paidAmount
      if (!providerPaymentId) {
        // The browser never came back: ask the provider whether money was taken for this order at all.
        const found = await gateway.findByMerchantUid(row.id)
        if (found?.status !== 'paid') {
          return db.transaction(async (tx) => {
            await repo.appendHistory(tx, note(row.id, 'nothing_to_refund', found?.status ?? null, { raw: found?.raw }))
            return repo.update(tx, row.id, { status: 'failed', nextRefundAt: null, updatedAt: clock.now() })
          })
        }
        providerPaymentId = found.providerPaymentId
        taken = found.amount
      }
      const answer = await gateway.refund({
        providerPaymentId,
        amount: taken ?? row.amount,
        reason: `trusticket: ${reason}`,
      })
      return db.transaction(async (tx) => {
        const current = (await repo.find(tx, row.id, { lock: true }))!
        if (current.status !== 'refund_pending') return current
        const now = clock.now()
        await repo.appendHistory(tx, note(row.id, 'refunded', answer.status, { raw: answer.raw }))
        const done = await repo.update(tx, row.id, {
          status: 'cancelled',
          providerPaymentId,
          paidAmount: answer.amount,
          cancelledAt: now,
          nextRefundAt: null,
          updatedAt: now,
        })
        if (reason === 'booking_cancelled') await deps.bookings.releaseRefunded(tx, row.bookingId)
        await outbox.emit<PaymentRefunded>(tx, {
          type: PAYMENT_REFUNDED,
          subject: row.bookingId,
          payload: { paymentId: row.id, bookingId: row.bookingId, amount: answer.amount, reason },
        })
        return done
      })
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error
      logger.warn({ err: error, paymentId: row.id }, 'refund failed at the provider; will retry')
      const next = new Date(clock.now().getTime() + retryDelayMs(row.refundAttempts))
      return db.transaction(async (tx) => {
        await repo.appendHistory(tx, note(row.id, 'refund_failed', null, { kind: error.kind, message: error.message }))
        return repo.update(tx, row.id, { nextRefundAt: next, updatedAt: clock.now() })
      })
    }
  }

  /** Tries one payment's refund now, unless another worker holds it; returns the payment as it then stands. */
  async function refundNow(paymentId: string): Promise<PaymentRow> {
    const [leased] = await db.transaction((tx) => repo.leaseDueRefunds(tx, clock.now(), LEASE_MS, 1, paymentId))
    if (leased) return carryOut(leased)
    return (await repo.find(db, paymentId))!
  }

  /** One round of the job: every due refund, a few at a time. */
  async function refundDue(signal?: AbortSignal): Promise<number> {
    let done = 0
    while (!signal?.aborted) {
      const leased = await db.transaction((tx) => repo.leaseDueRefunds(tx, clock.now(), LEASE_MS, 10))
      if (leased.length === 0) break
      for (const row of leased) {
        await carryOut(row)
        done++
      }
    }
    return done
  }

  const job: Job = {
    name: 'payment.refunds',
    intervalMs: 2_000,
    run: async (signal) => {
      await refundDue(signal)
    },
  }
  return { refundNow, refundDue, job }
}

export type Refunds = ReturnType<typeof createRefunds>
