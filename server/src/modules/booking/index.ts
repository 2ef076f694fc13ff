// The booking module's public surface.
import type { AccessTokenVerifier } from '../../http/auth-guard.ts'
import { bookingRoutes } from './booking.routes.ts'
import { type BookingDeps, createBookingService } from './booking.service.ts'

export { createExpiry } from './booking.expiry.ts'
export { connectBookingToPayments, payableBooking } from './booking.payments.ts'
export type { BookingRow } from './booking.repository.ts'
export { allocate, type Decision, type EntryToAllocate, payBy, seatsToTake } from './booking.rules.ts'
export type { BookingHooks, BookingService, BookingView } from './booking.service.ts'

export function createBooking(deps: BookingDeps & { verifyAccessToken: AccessTokenVerifier }) {
  const service = createBookingService(deps)
  return { service, routes: bookingRoutes(service, deps.verifyAccessToken) }
}
