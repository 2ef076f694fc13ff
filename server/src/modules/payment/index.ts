// The payment module's public surface: a gateway chosen once, the service, its routes and jobs, and its handlers
// of booking events.
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import type { Db } from '../../adapters/db/database.ts'
import type { PaymentGateway } from '../../adapters/payment-gateway/gateway.ts'
import { createPortOneGateway } from '../../adapters/payment-gateway/portone.ts'
import { createTestGateway } from '../../adapters/payment-gateway/test.ts'
import type { Config } from '../../config.ts'
import type { AccessTokenVerifier } from '../../http/auth-guard.ts'
import type { Clock } from '../../kernel/clock.ts'
import { BOOKING_RELEASED, type BookingReleased } from '../../kernel/domain-events.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Outbox } from '../outbox/index.ts'
import { instrumentGateway, reportRefundBacklog } from './payment.metrics.ts'
import { createRefunds } from './payment.refunds.ts'
import { paymentRepository } from './payment.repository.ts'
import { paymentRoutes } from './payment.routes.ts'
import { createPaymentService, type PaymentDeps } from './payment.service.ts'
import { testCheckoutRoutes } from './payment.test-checkout.ts'

export type { PayableBooking, PaymentService } from './payment.service.ts'

export interface PaymentModuleDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  logger: Logger
  outbox: Outbox
  config: Pick<Config, 'paymentProvider' | 'portone' | 'development'>
  verifyAccessToken: AccessTokenVerifier
  bookingFor: PaymentDeps['bookingFor']
  eventStartsAt: PaymentDeps['eventStartsAt']
  rateLimit: PaymentDeps['rateLimit']
  buyerOf: PaymentDeps['buyerOf']
  /** Tests may bring their own (e.g. PortOne against a local double). */
  gateway?: PaymentGateway
  /** Where provider calls are timed and refunds still owed are counted (`payment_*`); none by default. */
  metrics?: Registry
}

export function createPayment(deps: PaymentModuleDeps) {
  const { db, clock, newId, outbox } = deps
  const testGateway = createTestGateway({ db, clock, newId })
  const chosen =
    deps.gateway ??
    (deps.config.paymentProvider === 'portone' && deps.config.portone
      ? createPortOneGateway({ ...deps.config.portone, acceptSandbox: deps.config.development })
      : testGateway)
  const gateway = deps.metrics ? instrumentGateway(chosen, deps.metrics) : chosen
  if (deps.metrics) reportRefundBacklog(deps.metrics, db)
  const refunds = createRefunds({ db, clock, newId, outbox, gateway, logger: deps.logger })
  const service = createPaymentService({ ...deps, gateway, refunds })

  // A released booking may leave an order the browser never completed; make sure no money stays with us for it.
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
  if (chosen === testGateway) routes.push(testCheckoutRoutes(testGateway, deps.verifyAccessToken))
  return { service, gateway, refunds, routes, jobs: [refunds.job] }
}

export type PaymentModule = ReturnType<typeof createPayment>
