// The booking module's public surface. It owns bookings, tickets and the gate, and the rule of who gets seats.
// It asks the catalog for seat inventory (a port); it offers the queue `bookBatch`, the payment module
// `payments` (typed outcomes, never exceptions), and takes from payment how a paid booking is cancelled.
import type { Registry } from 'prom-client'
import type { AccessTokenVerifier } from '../../kernel/principal.ts'
import { createExpiry } from './booking.expiry.ts'
import { createGate, type GateDeps } from './booking.gate.ts'
import { createBookingPayments } from './booking.payments.ts'
import { bookingRoutes } from './booking.routes.ts'
import { type BookingDeps, type CancelPaid, createBookingService } from './booking.service.ts'

export { PASS_TTL_SECONDS } from './booking.gate.ts'
export type { BookingPayments, NotPayable, PayableBooking } from './booking.payments.ts'
export { type EntryToAllocate, FAILURE_REASONS, type FailureReason } from './booking.rules.ts'
export type { BookingView } from './booking.schemas.ts'
export type { BatchResult, CancelPaid, SeatInventory } from './booking.service.ts'

export interface BookingModuleDeps extends BookingDeps {
  gate: Pick<GateDeps, 'secret' | 'holderName'>
  /** Where `bookings_expired_total` is reported. */
  metrics?: Registry
}

export function createBooking(deps: BookingModuleDeps) {
  const service = createBookingService(deps)
  const gate = createGate({ db: deps.db, clock: deps.clock, ...deps.gate })
  const expiry = createExpiry({ db: deps.db, clock: deps.clock, release: service.release, metrics: deps.metrics })
  return {
    bookBatch: service.bookBatch,
    payments: createBookingPayments({ db: deps.db, clock: deps.clock, release: service.release }),
    expireUnpaid: expiry.expireUnpaid,
    jobs: [expiry.job],
    routes: (ports: { verifyAccessToken: AccessTokenVerifier; cancelPaid: CancelPaid }) =>
      bookingRoutes(service, gate, ports),
  }
}
