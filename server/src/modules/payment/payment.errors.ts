// The payment module's errors.
import { AppError, conflict, type ErrorCodeOf, notFound } from '../../kernel/app-error.ts'

export const paymentNotFound = () => notFound('payment.not_found', 'No such payment')
export const bookingNotPayable = (status: string) =>
  conflict('payment.booking_not_payable', `A booking that is ${status} cannot be paid`)
export const alreadyPaid = () => conflict('payment.already_paid', 'This booking is already paid')
export const bookingExpired = () =>
  conflict('payment.booking_expired', 'The booking expired before the payment arrived; the payment is refunded')
export const amountMismatch = () =>
  conflict('payment.amount_mismatch', "The amount paid is not the booking's amount; the payment is refunded")
export const providerMismatch = () =>
  conflict('payment.provider_mismatch', 'That provider payment does not belong to this payment')
export const notPaid = (status: string) =>
  conflict('payment.not_paid', `The provider reports this payment as ${status}, not paid`)
export const declined = () => conflict('payment.declined', 'The payment was declined')
export const unknownAtProvider = () => conflict('payment.unknown_at_provider', 'The provider knows no such payment')
export const providerUnavailable = () =>
  new AppError('payment.provider_unavailable', 503, 'The payment provider does not answer; try again shortly', {
    retryAfterSeconds: 5,
  })
export const eventStarted = () =>
  conflict('payment.event_started', 'A paid booking cannot be cancelled once the event has started')
export const unknownProvider = () => notFound('payment.unknown_provider', 'No such payment provider here')
export const badWebhook = () =>
  new AppError('payment.bad_webhook', 400, 'The notification has no imp_uid and merchant_uid')
export const checkoutNotFound = () => notFound('payment.not_found', 'No such test checkout')

export type PaymentErrorCode = ErrorCodeOf<typeof import('./payment.errors.ts')>
