// The booking module's public surface.
import type { AccessTokenVerifier } from '../../http/auth-guard.ts'
import { createGate, type GateDeps } from './booking.gate.ts'
import { bookingRoutes } from './booking.routes.ts'
import { type BookingDeps, createBookingService } from './booking.service.ts'

export { createExpiry } from './booking.expiry.ts'
export { PASS_TTL_SECONDS } from './booking.gate.ts'
export { connectBookingToPayments, payableBooking } from './booking.payments.ts'
export type { BookingRow } from './booking.repository.ts'
export { allocate, type Decision, type EntryToAllocate, payBy, seatsToTake } from './booking.rules.ts'
export type { BookingHooks, BookingService, BookingView } from './booking.service.ts'

export function createBooking(
  deps: BookingDeps & { verifyAccessToken: AccessTokenVerifier; gate: Pick<GateDeps, 'secret' | 'holderName'> },
) {
  const service = createBookingService(deps)
  const gate = createGate({ db: deps.db, clock: deps.clock, ...deps.gate })
  return { service, gate, routes: bookingRoutes(service, gate, deps.verifyAccessToken) }
}
