// The domain events modules exchange through the outbox: names and payloads, shared so neither side imports the other.

/** A payment the provider confirmed (paid, right amount, our order id); the booking confirms in the same transaction. */
export const PAYMENT_CONFIRMED = 'payment.confirmed'
export interface PaymentConfirmed {
  paymentId: string
  bookingId: string
  amount: number
}

/** Money went back to the payer. `reason` says why; `booking_cancelled` releases the booking. */
export const PAYMENT_REFUNDED = 'payment.refunded'
export type RefundReason = 'booking_cancelled' | 'booking_expired' | 'amount_mismatch' | 'duplicate'
export interface PaymentRefunded {
  paymentId: string
  bookingId: string
  amount: number
  reason: RefundReason
}

/**
 * A paid booking's cancellation is decided: its refund is due (the refund job sees it through). Inline handlers run
 * in the deciding transaction, so they can still refuse it — a booking whose ticket was used at the gate is spent.
 */
export const PAYMENT_REFUND_DECIDED = 'payment.refund_decided'
export interface PaymentRefundDecided {
  paymentId: string
  bookingId: string
}

/** A booking ended without being used (expired or cancelled); its seats are already back on sale. */
export const BOOKING_RELEASED = 'booking.released'
export interface BookingReleased {
  bookingId: string
  eventId: string
  gradeId: string
  quantity: number
  status: 'cancelled' | 'expired'
}

/** Thrown by the booking side of `payment.confirmed` when the booking can no longer take this payment. */
export class BookingNotPayable extends Error {
  constructor(readonly bookingStatus: 'confirmed' | 'cancelled' | 'expired' | 'missing') {
    super(`booking is ${bookingStatus}`)
    this.name = 'BookingNotPayable'
  }
}
