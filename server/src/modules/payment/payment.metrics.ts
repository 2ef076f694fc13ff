// Calls to the payment provider, timed and counted by operation and outcome: the first place to look when payments
// slow down or fail, since a provider outage shows here before it shows anywhere else. And the refunds still owed.
import { count, eq, max } from 'drizzle-orm'
import { Histogram, type Registry } from 'prom-client'
import type { Db } from '../../adapters/db/database.ts'
import { GatewayError, type PaymentGateway } from '../../adapters/payment-gateway/gateway.ts'
import { gaugesFromRead } from '../../http/metrics.ts'
import { payments } from './payment.tables.ts'

/** The same gateway, reporting `payment_gateway_request_seconds{provider, operation, outcome}` on the registry. */
export function instrumentGateway(gateway: PaymentGateway, registry: Registry): PaymentGateway {
  const seconds = new Histogram({
    name: 'payment_gateway_request_seconds',
    help: 'Calls to the payment provider by operation and outcome (ok, unavailable, not_found, rejected, error)',
    labelNames: ['provider', 'operation', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  })
  const timed =
    <A extends unknown[], R>(operation: string, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const end = seconds.startTimer({ provider: gateway.name, operation })
      try {
        const result = await call(...args)
        end({ outcome: 'ok' })
        return result
      } catch (error) {
        end({ outcome: error instanceof GatewayError ? error.kind : 'error' })
        throw error
      }
    }
  const instrumented: PaymentGateway = {
    name: gateway.name,
    checkout: timed('checkout', (request) => gateway.checkout(request)),
    lookup: timed('lookup', (id) => gateway.lookup(id)),
    findByMerchantUid: timed('findByMerchantUid', (uid) => gateway.findByMerchantUid(uid)),
    refund: timed('refund', (input) => gateway.refund(input)),
    parseWebhook: (body) => gateway.parseWebhook(body),
  }
  return instrumented
}

/** Money we owe back and have not yet given: refunds decided but not done, and the most tries any of them took. */
export function reportRefundBacklog(registry: Registry, db: Db) {
  gaugesFromRead(
    registry,
    async () => {
      const [row] = await db
        .select({ pending: count(), attempts: max(payments.refundAttempts) })
        .from(payments)
        .where(eq(payments.status, 'refund_pending'))
      return { pending: row?.pending ?? 0, attempts: row?.attempts ?? 0 }
    },
    {
      pending: {
        name: 'payments_refund_pending',
        help: 'Payments decided to be refunded whose refund is not done yet',
      },
      attempts: {
        name: 'payments_refund_pending_max_attempts',
        help: 'Most refund attempts made for any payment still waiting for its refund (a stuck one keeps growing)',
      },
    },
  )
}
