// The payment module's public surface: the service, its routes and refund job, and its deferred consumer of
// booking releases. It asks booking through booking's payment port and the catalog for event facts (app.ts).
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import type { Db } from '../../adapters/db/database.ts'
import type { PaymentGateway } from '../../adapters/payment-gateway/gateway.ts'
import type { TestGateway } from '../../adapters/payment-gateway/test.ts'
import type { Clock } from '../../kernel/clock.ts'
import { BOOKING_RELEASED, type BookingReleased } from '../../kernel/domain-events.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { AccessTokenVerifier } from '../../kernel/principal.ts'
import type { Outbox } from '../outbox/index.ts'
import { instrumentGateway, reportRefundBacklog } from './payment.metrics.ts'
import { createRefunds } from './payment.refunds.ts'
import { paymentRepository } from './payment.repository.ts'
import { paymentRoutes } from './payment.routes.ts'
import { createPaymentService, type PaymentDeps } from './payment.service.ts'
import { testCheckoutRoutes } from './payment.test-checkout.ts'

export type { PaymentService } from './payment.service.ts'

export interface PaymentModuleDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  logger: Logger
  outbox: Outbox
  /** The provider, chosen from the config in app.ts. */
  gateway: PaymentGateway
  /** The built-in test provider, when it is the one chosen: its checkout routes are mounted. */
  testCheckout?: TestGateway
  verifyAccessToken: AccessTokenVerifier
  bookings: PaymentDeps['bookings']
  events: PaymentDeps['events']
  rateLimit: PaymentDeps['rateLimit']
  buyerOf: PaymentDeps['buyerOf']
  /** Where provider calls are timed and refunds still owed are counted (`payment_*`); none by default. */
  metrics?: Registry
}

export function createPayment(deps: PaymentModuleDeps) {
  const { db, clock, newId, outbox } = deps
  const gateway = deps.metrics ? instrumentGateway(deps.gateway, deps.metrics) : deps.gateway
  if (deps.metrics) reportRefundBacklog(deps.metrics, db)
  const refunds = createRefunds({ db, clock, newId, outbox, gateway, bookings: deps.bookings, logger: deps.logger })
  const service = createPaymentService({ ...deps, gateway, refunds })

  // A released booking may leave an order the browser never completed; make sure no money stays with us for it.
  // A deferred consumer: the release is committed; this follows up from the outbox, retried until it succeeds.
  outbox.on<BookingReleased>(BOOKING_RELEASED, 'payment.reconcile-released', async (event, tx) => {
    const open = await paymentRepository.ofBooking(tx, event.payload.bookingId, ['ready'])
    for (const p of open) {
      await paymentRepository.appendHistory(tx, {
        id: newId(),
        paymentId: p.id,
        at: clock.now(),
        kind: `booking_${event.payload.status}`,
        status: 'refund_pending',
        data: { eventId: event.id },
      })
      await paymentRepository.update(tx, p.id, {
        status: 'refund_pending',
        failureCode: 'booking_expired',
        nextRefundAt: clock.now(),
        updatedAt: clock.now(),
      })
    }
  })

  const routes = [paymentRoutes(service, deps.verifyAccessToken)]
  if (deps.testCheckout) routes.push(testCheckoutRoutes(deps.testCheckout, deps.verifyAccessToken))
  return { service, cancelPaid: service.cancelPaid, refunds, routes, jobs: [refunds.job] }
}
