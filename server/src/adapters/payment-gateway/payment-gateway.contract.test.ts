// One contract for every PaymentGateway: the built-in test provider (its own books in PGlite) and PortOne V1 (over
// HTTP against the PortOne double). The payment module relies on exactly this: lookups tell the truth about what
// was taken, a refund is safe to repeat, an unpaid payment cannot be refunded, and webhooks are only hints.
import { randomBytes } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../../test/harness.ts'
import { startPortOneDouble } from '../../../test/portone-double.ts'
import { systemClock } from '../../kernel/clock.ts'
import { newId } from '../../kernel/ids.ts'
import { GatewayError, type PaymentGateway } from './gateway.ts'
import { createPortOneGateway } from './portone.ts'
import { createTestGateway } from './test.ts'

interface Subject {
  gateway: PaymentGateway
  /** The payer goes through the provider's window for our order `merchantUid`: paid (or failed), this amount. */
  pay(merchantUid: string, amount: number, outcome?: 'paid' | 'failed'): Promise<string>
  close(): Promise<void>
}

const buyer = { id: 'payer-1', email: 'fan@example.com', name: '김팬' }

const implementations: [string, () => Promise<Subject>][] = [
  [
    'test provider',
    async () => {
      const database = await openTestDatabase('pglite')
      const gateway = createTestGateway({ db: database.db, clock: systemClock, newId })
      return {
        gateway,
        async pay(merchantUid, amount, outcome = 'paid') {
          await gateway.checkout({ paymentId: merchantUid, amount, orderName: '공연 R석 1매', buyer })
          const decided = await gateway.decide(merchantUid, buyer.id, outcome === 'paid' ? 'approve' : 'decline')
          return decided!.providerPaymentId
        },
        close: () => database.close(),
      }
    },
  ],
  [
    'PortOne V1 (double)',
    async () => {
      const double = await startPortOneDouble()
      const gateway = createPortOneGateway({
        apiKey: double.apiKey,
        apiSecret: double.apiSecret,
        baseUrl: double.url,
        impCode: 'imp12345678',
        channelKey: 'channel-key-test',
        timeoutMs: 500,
        attempts: 2,
        backoffMs: 1,
      })
      return {
        gateway,
        async pay(merchantUid, amount, outcome = 'paid') {
          await gateway.checkout({ paymentId: merchantUid, amount, orderName: '공연 R석 1매', buyer })
          return double.pay({ merchantUid, amount, status: outcome })
        },
        close: () => double.close(),
      }
    },
  ],
]

describe.each(implementations)('payment gateway contract: %s', (_, make) => {
  let subject: Subject
  afterEach(() => subject?.close())
  const order = () => `pay_${randomBytes(6).toString('hex')}`

  it('looks a paid payment up by its id and by our order id, as taken', async () => {
    subject = await make()
    const merchantUid = order()
    const id = await subject.pay(merchantUid, 154_000)
    const looked = await subject.gateway.lookup(id)
    expect(looked).toMatchObject({
      providerPaymentId: id,
      merchantUid,
      status: 'paid',
      amount: 154_000,
      cancelledAmount: 0,
    })
    expect(looked.paidAt).toBeInstanceOf(Date)
    expect((await subject.gateway.findByMerchantUid(merchantUid))?.providerPaymentId).toBe(id)
  })

  it('says plainly when it has no such payment', async () => {
    subject = await make()
    await expect(subject.gateway.lookup('imp_000000000000')).rejects.toMatchObject({ kind: 'not_found' })
    await expect(subject.gateway.lookup('imp_000000000000')).rejects.toBeInstanceOf(GatewayError)
    expect(await subject.gateway.findByMerchantUid(order())).toBeNull()
  })

  it('refunds a paid payment in full, and a repeated refund answers as it stands without refunding twice', async () => {
    subject = await make()
    const id = await subject.pay(order(), 99_000)
    const refunded = await subject.gateway.refund({ providerPaymentId: id, amount: 99_000, reason: '예매 취소' })
    expect(refunded).toMatchObject({ status: 'cancelled', cancelledAmount: 99_000 })
    const again = await subject.gateway.refund({ providerPaymentId: id, amount: 99_000, reason: '예매 취소' })
    expect(again).toMatchObject({ status: 'cancelled', cancelledAmount: 99_000 })
    expect((await subject.gateway.lookup(id)).cancelledAmount).toBe(99_000)
  })

  it('refuses to refund a payment that took no money', async () => {
    subject = await make()
    const id = await subject.pay(order(), 50_000, 'failed')
    expect((await subject.gateway.lookup(id)).status).toBe('failed')
    await expect(subject.gateway.refund({ providerPaymentId: id, amount: 50_000, reason: 'x' })).rejects.toMatchObject({
      kind: 'rejected',
    })
  })

  it('reads a webhook as a hint naming the payment, and anything else as nothing', async () => {
    subject = await make()
    expect(subject.gateway.parseWebhook({ imp_uid: 'imp_1', merchant_uid: 'pay_1', status: 'paid' })).toEqual({
      providerPaymentId: 'imp_1',
      merchantUid: 'pay_1',
    })
    for (const junk of [null, {}, { imp_uid: 1, merchant_uid: 'x' }, 'imp_uid=1'])
      expect(subject.gateway.parseWebhook(junk)).toBeNull()
  })
})
