// The payment story: prepare (the amount comes from the booking), settle (ask the provider, never the browser; ask
// booking to confirm; on refusal, refund), webhooks (a hint, verified the same way), history, and cancellation of a
// paid booking (refund, then release). Booking is asked through its port; outbox events are records only.
import type { Db } from '../../adapters/db/database.ts'
import { GatewayError, type PaymentGateway, type ProviderPayment } from '../../adapters/payment-gateway/gateway.ts'
import type { Clock } from '../../kernel/clock.ts'
import {
  PAYMENT_CONFIRMED,
  PAYMENT_REFUND_DECIDED,
  PAYMENT_REFUNDED,
  type PaymentConfirmed,
  type PaymentRefundDecided,
  type PaymentRefunded,
} from '../../kernel/domain-events.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Principal } from '../../kernel/principal.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import type { BookingPayments, CancelPaid } from '../booking/index.ts'
import type { Outbox } from '../outbox/index.ts'
import * as errors from './payment.errors.ts'
import type { Refunds } from './payment.refunds.ts'
import { historyNotes, type PaymentRow, paymentRepository as repo } from './payment.repository.ts'
import { type PaymentView, toHistoryView, toPaymentView } from './payment.views.ts'

export interface PaymentDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  outbox: Outbox
  gateway: PaymentGateway
  refunds: Refunds
  /** The booking module's side of payments. */
  bookings: BookingPayments
  /** The catalog's facts about an event: when it starts, and who organizes it (owner checks). */
  events: {
    startsAt(eventId: string): Promise<Date | undefined>
    organizerOf(eventId: string): Promise<string | undefined>
  }
  /** The payer's name and e-mail, for the PG's receipt (PortOne sends them on as buyer_name, buyer_email). */
  buyerOf(userId: string): Promise<{ name: string; email: string } | undefined>
  rateLimit: RateLimiter
}

/** Payment windows one booking may open: enough for a declined card and a retry or two, not for card testing. */
export const PAYMENT_ATTEMPTS = { limit: 5, windowMs: 10 * 60_000 }

type Source = 'browser' | 'webhook'

/**
 * Attempts whose verdict may still change: `ready`, and `failed` — a payer may pay after a declined try, or after
 * we found nothing paid for a released booking; such money is then confirmed or refunded like any other.
 */
const open = (status: PaymentRow['status']) => status === 'ready' || status === 'failed'

export function createPaymentService(deps: PaymentDeps) {
  const { db, clock, newId, outbox, gateway, refunds, bookings } = deps
  const note = historyNotes(newId, clock)

  /** Replays the outcome of a payment that already ended, so completing twice answers the same. */
  function outcomeOf(row: PaymentRow): PaymentView {
    if (row.status === 'paid') return toPaymentView(row)
    if (row.failureCode === 'amount_mismatch') throw errors.amountMismatch()
    if (row.failureCode === 'booking_expired') throw errors.bookingExpired()
    if (row.failureCode === 'duplicate') throw errors.alreadyPaid()
    if (row.failureCode === 'declined') throw errors.declined()
    if (row.status === 'cancelled' || row.status === 'refund_pending') return toPaymentView(row)
    throw errors.bookingNotPayable(row.failureCode ?? row.status)
  }

  async function ask(providerPaymentId: string): Promise<ProviderPayment> {
    try {
      return await gateway.lookup(providerPaymentId)
    } catch (error) {
      if (error instanceof GatewayError && error.kind === 'not_found') throw errors.unknownAtProvider()
      if (error instanceof GatewayError) throw errors.providerUnavailable()
      throw error
    }
  }

  /** Decides a refund in our books, then tries it at once (the job retries what fails). */
  async function refundInstead(row: PaymentRow, answer: ProviderPayment, reason: string) {
    const decided = await db.transaction(async (tx) => {
      const current = (await repo.find(tx, row.id, { lock: true }))!
      if (!open(current.status)) return false
      await repo.appendHistory(tx, note(row.id, reason, 'refund_pending', { paidAmount: answer.amount }))
      await repo.update(tx, row.id, {
        status: 'refund_pending',
        failureCode: reason,
        providerPaymentId: answer.providerPaymentId,
        paidAmount: answer.amount,
        paidAt: answer.paidAt,
        nextRefundAt: clock.now(),
        updatedAt: clock.now(),
      })
      return true
    })
    if (decided) await refunds.refundNow(row.id)
  }

  /**
   * A webhook for a payment we hold as paid: the store may have refunded it in the provider's console. If the
   * provider says so, the booking is cancelled with it, exactly as if the fan had cancelled: its tickets stop
   * admitting anyone and its seats return to sale. Anything else the provider says changes nothing.
   */
  async function refundedAtProvider(row: PaymentRow, providerPaymentId: string) {
    if (row.providerPaymentId !== providerPaymentId) return
    const answer = await ask(providerPaymentId)
    if (answer.status !== 'cancelled' || answer.merchantUid !== row.id) return
    await db.transaction(async (tx) => {
      const current = (await repo.find(tx, row.id, { lock: true }))!
      if (current.status !== 'paid') return
      await outbox.emit<PaymentRefundDecided>(tx, {
        type: PAYMENT_REFUND_DECIDED,
        subject: row.bookingId,
        payload: { paymentId: row.id, bookingId: row.bookingId },
      })
      // A ticket already used at the gate: the money is back with the fan all the same; say so in the history.
      const stopped = await bookings.stopAdmitting(tx, row.bookingId)
      if (!stopped.ok) await repo.appendHistory(tx, note(row.id, 'refunded_after_entry', 'cancelled'))
      const now = clock.now()
      await repo.appendHistory(tx, note(row.id, 'refunded_at_provider', 'cancelled', { raw: answer.raw }))
      await repo.update(tx, row.id, { status: 'cancelled', cancelledAt: now, updatedAt: now })
      await bookings.releaseRefunded(tx, row.bookingId)
      await outbox.emit<PaymentRefunded>(tx, {
        type: PAYMENT_REFUNDED,
        subject: row.bookingId,
        payload: {
          paymentId: row.id,
          bookingId: row.bookingId,
          amount: answer.cancelledAmount,
          reason: 'booking_cancelled',
        },
      })
    })
  }

  /** Ask the provider, then record the verdict once, however many browsers and webhooks arrive at the same time. */
  async function settle(row: PaymentRow, providerPaymentId: string, source: Source): Promise<PaymentView> {
    if (!open(row.status)) return outcomeOf(row)
    const answer = await ask(providerPaymentId)
    await repo.appendHistory(db, note(row.id, 'provider_answer', answer.status, { source, raw: answer.raw }))
    if (answer.merchantUid !== row.id) throw errors.providerMismatch()
    if (answer.status === 'failed') {
      await db.transaction(async (tx) => {
        const current = (await repo.find(tx, row.id, { lock: true }))!
        if (current.status !== 'ready') return
        await repo.update(tx, row.id, { status: 'failed', failureCode: 'declined', updatedAt: clock.now() })
      })
      return outcomeOf((await repo.find(db, row.id))!)
    }
    if (answer.status !== 'paid') throw errors.notPaid(answer.status)
    if (answer.amount !== row.amount) {
      await refundInstead(row, answer, 'amount_mismatch')
      return outcomeOf((await repo.find(db, row.id))!)
    }

    const refused = await db.transaction(async (tx) => {
      const current = (await repo.find(tx, row.id, { lock: true }))!
      if (!open(current.status)) return null // the other of browser and webhook got here first
      const confirmed = await bookings.confirm(tx, row.bookingId, answer.amount)
      if (!confirmed.ok) return confirmed.reason
      await repo.update(tx, row.id, {
        status: 'paid',
        failureCode: null,
        providerPaymentId: answer.providerPaymentId,
        paidAmount: answer.amount,
        paidAt: answer.paidAt ?? clock.now(),
        updatedAt: clock.now(),
      })
      await repo.appendHistory(tx, note(row.id, 'paid', 'paid', { source }))
      await outbox.emit<PaymentConfirmed>(tx, {
        type: PAYMENT_CONFIRMED,
        subject: row.bookingId,
        payload: { paymentId: row.id, bookingId: row.bookingId, amount: answer.amount },
      })
      return null
    })
    // Paid for a booking that another payment already paid, or that was released: the money goes back.
    if (refused) await refundInstead(row, answer, refused === 'already_paid' ? 'duplicate' : 'booking_expired')
    return outcomeOf((await repo.find(db, row.id))!)
  }

  const forOwner = async (principal: Principal, paymentId: string) => {
    const row = await repo.find(db, paymentId)
    if (!row || (row.userId !== principal.userId && principal.role !== 'admin')) throw errors.paymentNotFound()
    return row
  }

  return {
    async prepare(principal: Principal, bookingId: string) {
      const booking = await bookings.payable(principal, bookingId)
      if (!booking || booking.userId !== principal.userId) throw errors.paymentNotFound()
      if (booking.status === 'confirmed') throw errors.alreadyPaid()
      if (booking.status !== 'pending_payment') throw errors.bookingNotPayable(booking.status)
      if (booking.payBy.getTime() <= clock.now().getTime()) throw errors.bookingNotPayable('past its payment deadline')
      await deps.rateLimit('payment.attempts', bookingId, PAYMENT_ATTEMPTS)
      const now = clock.now()
      const row = await db.transaction(async (tx) => {
        const inserted = await repo.insert(tx, {
          id: newId(),
          bookingId,
          userId: principal.userId,
          eventId: booking.eventId,
          amount: booking.amount, // from the booking, never from the client
          provider: gateway.name,
          status: 'ready',
          createdAt: now,
          updatedAt: now,
        })
        await repo.appendHistory(tx, note(inserted.id, 'prepared', 'ready', { amount: booking.amount }))
        return inserted
      })
      const checkout = await gateway.checkout({
        paymentId: row.id,
        amount: row.amount,
        orderName: `Trusticket 예매 ${booking.quantity}매`,
        buyer: { id: principal.userId, ...(await deps.buyerOf(principal.userId)) },
      })
      return { paymentId: row.id, amount: row.amount, provider: gateway.name, checkout }
    },

    async complete(principal: Principal, paymentId: string, providerPaymentId: string) {
      return settle(await forOwner(principal, paymentId), providerPaymentId, 'browser')
    },

    /** A provider's notification: only a hint; the verdict comes from asking the provider. */
    async webhook(provider: string, body: unknown) {
      if (provider !== gateway.name) throw errors.unknownProvider()
      const hint = gateway.parseWebhook(body)
      if (!hint) throw errors.badWebhook()
      const row = await repo.find(db, hint.merchantUid)
      if (!row) return { received: true }
      if (row.status === 'paid') {
        await refundedAtProvider(row, hint.providerPaymentId)
        return { received: true }
      }
      try {
        await settle(row, hint.providerPaymentId, 'webhook')
      } catch (error) {
        // The verdict (refund, decline, …) is recorded; the provider needs only to know we heard it.
        if (error instanceof Error && 'status' in error && (error as { status: number }).status === 409)
          return { received: true }
        throw error
      }
      return { received: true }
    },

    async get(principal: Principal, paymentId: string) {
      const row = await forOwner(principal, paymentId)
      return { ...toPaymentView(row), history: (await repo.history(db, row.id)).map(toHistoryView) }
    },

    async listMine(principal: Principal, limit: number, cursor?: string) {
      return page(await repo.page(db, { userId: principal.userId }, limit + 1, cursor), limit)
    },

    async listForEvent(principal: Principal, eventId: string, limit: number, cursor?: string) {
      const organizer = await deps.events.organizerOf(eventId)
      if (!organizer || (principal.role !== 'admin' && organizer !== principal.userId)) throw errors.paymentNotFound()
      const rows = await repo.page(db, { eventId }, limit + 1, cursor)
      const result = page(rows, limit)
      return { ...result, items: result.items.map((p, i) => ({ ...p, userId: rows[i]!.userId })) }
    },

    /**
     * How a paid booking is cancelled: the refund is decided (the booking's tickets stop admitting anyone at once,
     * unless one was used at the gate: then nothing changes), carried out at the provider, and the booking is
     * released when it lands.
     */
    cancelPaid: (async (booking) => {
      const startsAt = await deps.events.startsAt(booking.eventId)
      if (startsAt && startsAt.getTime() <= clock.now().getTime()) throw errors.eventStarted()
      const [paid] = await repo.ofBooking(db, booking.id, ['paid', 'refund_pending'])
      if (!paid) throw errors.bookingNotPayable('confirmed without a payment')
      if (paid.status === 'paid') {
        const decided = await db.transaction(async (tx) => {
          const current = (await repo.find(tx, paid.id, { lock: true }))!
          if (current.status !== 'paid') return true
          if (!(await bookings.stopAdmitting(tx, booking.id)).ok) return false
          await outbox.emit<PaymentRefundDecided>(tx, {
            type: PAYMENT_REFUND_DECIDED,
            subject: booking.id,
            payload: { paymentId: paid.id, bookingId: booking.id },
          })
          await repo.appendHistory(tx, note(paid.id, 'booking_cancelled', 'refund_pending'))
          await repo.update(tx, paid.id, {
            status: 'refund_pending',
            failureCode: 'booking_cancelled',
            nextRefundAt: clock.now(),
            updatedAt: clock.now(),
          })
          return true
        })
        if (!decided) return { ok: false, reason: 'checked_in' }
      }
      const after = await refunds.refundNow(paid.id)
      // Decided and durable: the refund job finishes it; the booking is released when the refund lands.
      if (after.status === 'refund_pending') throw errors.providerUnavailable()
      return { ok: true }
    }) satisfies CancelPaid,
  }
}

function page(rows: PaymentRow[], limit: number) {
  const items = rows.slice(0, limit)
  return {
    items: items.map(toPaymentView),
    nextCursor: rows.length > limit ? items[items.length - 1]!.id : null,
  }
}

export type PaymentService = ReturnType<typeof createPaymentService>
