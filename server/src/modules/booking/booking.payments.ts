// What the payment module may ask of bookings: a port of typed outcomes, injected in app.ts. Each call runs in the
// payment's own transaction and takes the booking row lock, which the expiry sweep and the gate's check-in take
// too, so a race has one winner: confirmed or expired (then refunded); refunded or let in at the gate.
import type { Db, Tx } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { Principal } from '../../kernel/principal.ts'
import { bookingRepository as repo } from './booking.repository.ts'
import type { BookingService } from './booking.service.ts'
import type { BookingStatus } from './booking.tables.ts'

/** A booking as the payment module reads it. */
export interface PayableBooking {
  id: string
  eventId: string
  userId: string
  amount: number
  quantity: number
  status: BookingStatus
  payBy: Date
}

/** Why a booking cannot take a payment: already paid by another, or released (expired, cancelled, gone). */
export type NotPayable = 'already_paid' | 'released'

export interface BookingPayments {
  /** The caller's own booking, else undefined (so the caller answers 404). */
  payable(principal: Principal, bookingId: string): Promise<PayableBooking | undefined>
  /** Confirms a pending booking for a payment of `amount`; still pending a moment past payBy counts. */
  confirm(tx: Tx, bookingId: string, amount: number): Promise<{ ok: true } | { ok: false; reason: NotPayable }>
  /** A paid booking's refund is decided: its tickets stop admitting anyone at once, unless one was already used. */
  stopAdmitting(tx: Tx, bookingId: string): Promise<{ ok: true } | { ok: false; reason: 'checked_in' }>
  /** The refund of a cancelled paid booking landed: the booking is cancelled and its seats return to sale. */
  releaseRefunded(tx: Tx, bookingId: string): Promise<void>
}

export function createBookingPayments(deps: {
  db: Db
  clock: Clock
  release: BookingService['release']
}): BookingPayments {
  const { db, clock } = deps
  return {
    async payable(principal, bookingId) {
      const row = await repo.find(db, bookingId)
      if (!row || row.userId !== principal.userId) return undefined
      const { id, eventId, userId, amount, quantity, status, payBy } = row
      return { id, eventId, userId, amount, quantity, status, payBy }
    },

    async confirm(tx, bookingId, amount) {
      const row = await repo.find(tx, bookingId, { lock: true })
      if (row?.status === 'confirmed') return { ok: false, reason: 'already_paid' }
      // Still pending, even a moment past payBy: its seats were never released, so nobody else can hold them.
      if (row?.status !== 'pending_payment') return { ok: false, reason: 'released' }
      // The payment module compares amounts before it asks; a difference here is a bug, not a refusal.
      if (row.amount !== amount) throw new Error(`payment of ${amount} for booking ${bookingId} of ${row.amount}`)
      await repo.setStatus(tx, row.id, 'confirmed', clock.now())
      return { ok: true }
    },

    async stopAdmitting(tx, bookingId) {
      await repo.find(tx, bookingId, { lock: true })
      return (await repo.stopAdmitting(tx, bookingId)) ? { ok: true } : { ok: false, reason: 'checked_in' }
    },

    async releaseRefunded(tx, bookingId) {
      await deps.release(tx, bookingId, 'cancelled')
    },
  }
}
