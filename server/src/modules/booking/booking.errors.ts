// The booking module's errors.
import { conflict, notFound } from '../../kernel/app-error.ts'

export const bookingNotFound = () => notFound('booking.not_found', 'No such booking')
export const notCancellable = (status: string) =>
  conflict('booking.not_cancellable', `A booking that is ${status} cannot be cancelled`)
