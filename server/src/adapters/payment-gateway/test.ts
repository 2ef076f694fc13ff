// The built-in `test` provider: a stand-in gateway so the whole journey works with no account anywhere.
// It keeps its own books (test_provider_payments) exactly as an outside gateway would, so the payment module
// treats it like any other provider: it looks payments up and refunds them, never trusting the browser.
import { and, eq } from 'drizzle-orm'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Db } from '../db/database.ts'
import { GatewayError, type PaymentGateway, type ProviderPayment } from './gateway.ts'
import { testProviderPayments } from './test.tables.ts'

type Row = typeof testProviderPayments.$inferSelect

export const TEST_CHECKOUT_PATH = '/api/payments/test-checkout'

const toProviderPayment = (row: Row): ProviderPayment => ({
  providerPaymentId: row.id,
  merchantUid: row.merchantUid,
  status: row.status,
  amount: row.amount,
  cancelledAmount: row.cancelledAmount,
  paidAt: row.paidAt,
  raw: { ...row, paidAt: row.paidAt?.toISOString() ?? null, cancelledAt: row.cancelledAt?.toISOString() ?? null },
})

export function createTestGateway(deps: { db: Db; clock: Clock; newId: IdGenerator }) {
  const { db, clock, newId } = deps

  async function byMerchantUid(merchantUid: string) {
    const [row] = await db.select().from(testProviderPayments).where(eq(testProviderPayments.merchantUid, merchantUid))
    return row ?? null
  }
  /** The payer's own checkout; anyone else's is as if it did not exist. */
  async function payersWindow(merchantUid: string, payerId: string) {
    const row = await byMerchantUid(merchantUid)
    return row && row.payerId === payerId ? row : null
  }

  const gateway: PaymentGateway & {
    window(merchantUid: string): Promise<{ name: string; amount: number; status: Row['status'] } | null>
    decide(
      merchantUid: string,
      payerId: string,
      decision: 'approve' | 'decline',
      amount?: number,
    ): Promise<{ providerPaymentId: string; status: Row['status'] } | null>
  } = {
    name: 'test',

    async checkout(request) {
      await db
        .insert(testProviderPayments)
        .values({
          id: `test_${newId()}`,
          merchantUid: request.paymentId,
          payerId: request.buyer.id,
          name: request.orderName,
          askedAmount: request.amount,
          amount: request.amount,
          status: 'ready',
          createdAt: clock.now(),
        })
        .onConflictDoNothing()
      return { url: `${TEST_CHECKOUT_PATH}/${request.paymentId}` }
    },

    async lookup(providerPaymentId) {
      const [row] = await db.select().from(testProviderPayments).where(eq(testProviderPayments.id, providerPaymentId))
      if (!row) throw new GatewayError('not_found', 'no such test payment')
      return toProviderPayment(row)
    },

    async findByMerchantUid(merchantUid) {
      const row = await byMerchantUid(merchantUid)
      return row ? toProviderPayment(row) : null
    },

    async refund({ providerPaymentId, reason }) {
      const [row] = await db
        .update(testProviderPayments)
        .set({ status: 'cancelled', cancelledAt: clock.now(), cancelledAmount: testProviderPayments.amount })
        .where(and(eq(testProviderPayments.id, providerPaymentId), eq(testProviderPayments.status, 'paid')))
        .returning()
      if (row) return toProviderPayment(row)
      const current = await gateway.lookup(providerPaymentId)
      if (current.status === 'cancelled') return current
      throw new GatewayError('rejected', `cannot refund a ${current.status} payment (${reason})`)
    },

    parseWebhook(body) {
      const b = body as { imp_uid?: unknown; merchant_uid?: unknown } | null
      if (typeof b?.imp_uid !== 'string' || typeof b.merchant_uid !== 'string') return null
      return { providerPaymentId: b.imp_uid, merchantUid: b.merchant_uid }
    },

    /** What the checkout page shows. */
    async window(merchantUid) {
      const row = await byMerchantUid(merchantUid)
      return row ? { name: row.name, amount: row.askedAmount, status: row.status } : null
    },

    /** The payer's decision; `amount` lets a test play a payer who paid a different amount. Decided once. */
    async decide(merchantUid, payerId, decision, amount) {
      if (!(await payersWindow(merchantUid, payerId))) return null
      const [row] = await db
        .update(testProviderPayments)
        .set(
          decision === 'approve'
            ? { status: 'paid', paidAt: clock.now(), ...(amount !== undefined ? { amount } : {}) }
            : { status: 'failed' },
        )
        .where(and(eq(testProviderPayments.merchantUid, merchantUid), eq(testProviderPayments.status, 'ready')))
        .returning()
      const current = row ?? (await byMerchantUid(merchantUid))
      return current ? { providerPaymentId: current.id, status: current.status } : null
    },
  }
  return gateway
}

export type TestGateway = ReturnType<typeof createTestGateway>
