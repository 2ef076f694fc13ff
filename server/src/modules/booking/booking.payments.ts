// The booking side of payments, through the outbox's events (the payment module never writes booking tables):
// - payment.confirmed, inline: the booking is confirmed in the very transaction that records the payment, or the
//   payment is refused (BookingNotPayable) when the booking was released or paid meanwhile. The booking row lock
//   decides a race with the expiry sweep: exactly one of "confirmed" and "expired, payment refunded".
// - payment.refund_decided, inline: a paid booking's cancellation is decided; under the booking row lock (which the
//   gate's check-in takes too) it is refused if a ticket was already used, else its tickets stop admitting anyone
//   at once, before the refund lands.
// - payment.refunded for a cancelled booking, inline: the booking is released (seats back) with the refund.
// - every release (cancel, expiry) writes booking.released, for whoever must follow up (open payment orders).
import type { DbOrTx } from '../../adapters/db/database.ts'
import type { Principal } from '../../http/auth-guard.ts'
import type { Clock } from '../../kernel/clock.ts'
import {
  BOOKING_RELEASED,
  BookingNotPayable,
  type BookingReleased,
  PAYMENT_CONFIRMED,
  PAYMENT_REFUND_DECIDED,
  PAYMENT_REFUNDED,
  type PaymentConfirmed,
  type PaymentRefundDecided,
  type PaymentRefunded,
} from '../../kernel/domain-events.ts'
import type { Outbox } from '../outbox/index.ts'
import { notCancellable } from './booking.errors.ts'
import { bookingRepository as repo } from './booking.repository.ts'
import type { BookingService } from './booking.service.ts'

export interface BookingPaymentDeps {
  outbox: Outbox
  clock: Clock
  service: BookingService
  /** How a paid booking is cancelled: the payment module refunds, and its refund event releases the booking. */
  cancelPaidBooking(bookingId: string, eventId: string): Promise<void>
}

export function connectBookingToPayments(deps: BookingPaymentDeps) {
  const { outbox, clock, service } = deps

  outbox.onInline<PaymentConfirmed>(PAYMENT_CONFIRMED, 'booking.confirm-paid', async (event, tx) => {
    const row = await repo.find(tx, event.payload.bookingId, { lock: true })
    if (!row) throw new BookingNotPayable('missing')
    // Still pending, even a moment past payBy: its seats were never released, so nobody else can hold them.
    if (row.status !== 'pending_payment') throw new BookingNotPayable(row.status)
    if (row.amount !== event.payload.amount) throw new Error('payment amount differs from the booking amount')
    await repo.setStatus(tx, row.id, 'confirmed', clock.now())
  })

  outbox.onInline<PaymentRefundDecided>(PAYMENT_REFUND_DECIDED, 'booking.stop-admitting', async (event, tx) => {
    await repo.find(tx, event.payload.bookingId, { lock: true })
    if (!(await repo.stopAdmitting(tx, event.payload.bookingId))) throw notCancellable('checked in at the gate')
  })

  outbox.onInline<PaymentRefunded>(PAYMENT_REFUNDED, 'booking.release-refunded', async (event, tx) => {
    if (event.payload.reason === 'booking_cancelled') await service.release(tx, event.payload.bookingId, 'cancelled')
  })

  service.hooks.afterRelease.push(async (tx, booking) => {
    await outbox.emit<BookingReleased>(tx, {
      type: BOOKING_RELEASED,
      subject: booking.id,
      payload: {
        bookingId: booking.id,
        eventId: booking.eventId,
        gradeId: booking.gradeId,
        quantity: booking.quantity,
        status: booking.status === 'expired' ? 'expired' : 'cancelled',
      },
    })
  })

  service.hooks.cancelPaid = (booking) => deps.cancelPaidBooking(booking.id, booking.eventId)
}

/** A booking as the payment module may read it: only its owner's, else undefined (so the caller answers 404). */
export async function payableBooking(db: DbOrTx, principal: Principal, bookingId: string) {
  const row = await repo.find(db, bookingId)
  if (!row || row.userId !== principal.userId) return undefined
  const { id, eventId, userId, amount, quantity, status, payBy } = row
  return { id, eventId, userId, amount, quantity, status, payBy }
}
