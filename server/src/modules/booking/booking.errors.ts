// The booking module's errors: bookings, tickets and the gate.
import { badRequest, conflict, type ErrorCodeOf, notFound } from '../../kernel/app-error.ts'

export const bookingNotFound = () => notFound('booking.not_found', 'No such booking')
export const notCancellable = (status: string) =>
  conflict('booking.not_cancellable', `A booking that is ${status} cannot be cancelled`)
export const ticketNotFound = () => notFound('ticket.not_found', 'No such ticket')
export const ticketNotValid = (why: string) => conflict('ticket.not_valid', `This ticket does not admit anyone: ${why}`)
export const passInvalid = () => badRequest('gate.pass_invalid', 'This is not a Trusticket pass, or it was altered')
export const passExpired = () => conflict('gate.pass_expired', 'This pass has expired: the holder should show it again')
export const wrongEvent = () => conflict('gate.wrong_event', 'This ticket is for another event')
export const alreadyUsed = (at: Date | null) =>
  conflict('gate.already_used', `This ticket was used at ${at?.toISOString()}`)

export type BookingErrorCode = ErrorCodeOf<typeof import('./booking.errors.ts')>
