// The domain events modules leave in the outbox: names and payloads of facts, for records and deferred consumers
// (never for deciding the emitter's own change), shared so neither side imports the other.

/** A payment the provider confirmed (paid, right amount, our order id) and its booking confirmed with it. */
export const PAYMENT_CONFIRMED = 'payment.confirmed'
export interface PaymentConfirmed {
  paymentId: string
  bookingId: string
  amount: number
}

/** Money went back to the payer. `reason` says why; for `booking_cancelled` the booking was released with it. */
export const PAYMENT_REFUNDED = 'payment.refunded'
export type RefundReason = 'booking_cancelled' | 'booking_expired' | 'amount_mismatch' | 'duplicate'
export interface PaymentRefunded {
  paymentId: string
  bookingId: string
  amount: number
  reason: RefundReason
}

/** A paid booking's cancellation is decided: its tickets admit no one, and its refund is due (the job sees it through). */
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
