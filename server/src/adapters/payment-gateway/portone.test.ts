import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type PortOneDouble, startPortOneDouble } from '../../../test/portone-double.ts'
import { GatewayError } from './gateway.ts'
import { createPortOneGateway } from './portone.ts'

describe('PortOne V1 adapter against the local PortOne double', () => {
  let double: PortOneDouble
  beforeEach(async () => {
    double = await startPortOneDouble()
  })
  afterEach(() => double.close())

  const gateway = (overrides: { apiSecret?: string; attempts?: number; acceptSandbox?: boolean } = {}) =>
    createPortOneGateway({
      apiKey: double.apiKey,
      apiSecret: overrides.apiSecret ?? double.apiSecret,
      baseUrl: double.url,
      impCode: 'imp00000000',
      timeoutMs: 300,
      attempts: overrides.attempts ?? 3,
      backoffMs: 10,
      ...(overrides.acceptSandbox !== undefined ? { acceptSandbox: overrides.acceptSandbox } : {}),
    })

  it('gets a token once and looks a payment up by imp_uid', async () => {
    const impUid = double.pay({ merchantUid: 'order-1', amount: 55_000 })
    const g = gateway()
    const found = await g.lookup(impUid)
    expect(found).toMatchObject({ providerPaymentId: impUid, merchantUid: 'order-1', status: 'paid', amount: 55_000 })
    expect(found.paidAt).toBeInstanceOf(Date)
    await g.lookup(impUid)
    expect(double.requests.filter((r) => r.route === 'getToken')).toHaveLength(1)
  })

  it('finds a payment by our order id, and answers null for an order never paid', async () => {
    const impUid = double.pay({ merchantUid: 'order-9', amount: 7_000 })
    expect((await gateway().findByMerchantUid('order-9'))?.providerPaymentId).toBe(impUid)
    expect(await gateway().findByMerchantUid('order-none')).toBeNull()
  })

  it('finds the paid payment of an order even when a later attempt of it is still ready', async () => {
    const paid = double.pay({ merchantUid: 'order-7', amount: 50_000 })
    double.pay({ merchantUid: 'order-7', amount: 50_000, status: 'ready' })
    expect((await gateway().findByMerchantUid('order-7'))?.providerPaymentId).toBe(paid)
    double.pay({ merchantUid: 'order-8', amount: 50_000, status: 'ready' })
    expect(await gateway().findByMerchantUid('order-8')).toBeNull()
  })

  it('sees test-channel payments (include_sandbox), and counts them as paid only where sandbox is accepted', async () => {
    const impUid = double.pay({ merchantUid: 'order-s', amount: 1_000, sandbox: true })
    // PortOne hides them from a plain lookup…
    const token = await (
      await fetch(`${double.url}/users/getToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ imp_key: double.apiKey, imp_secret: double.apiSecret }),
      })
    ).json()
    const plain = await fetch(`${double.url}/payments/${impUid}`, {
      headers: { authorization: `Bearer ${token.response.access_token}` },
    })
    expect(plain.status).toBe(404)
    // …so the adapter asks for them: production sees one and refuses it (no money moved), development takes it.
    expect((await gateway().lookup(impUid)).status).toBe('failed')
    expect((await gateway({ acceptSandbox: true }).lookup(impUid)).status).toBe('paid')
    expect((await gateway({ acceptSandbox: true }).findByMerchantUid('order-s'))?.providerPaymentId).toBe(impUid)
  })

  it('answers an unknown imp_uid with not_found', async () => {
    await expect(gateway().lookup('imp_nope')).rejects.toMatchObject({ kind: 'not_found' })
  })

  it('refuses wrong credentials without retrying them', async () => {
    const error = await gateway({ apiSecret: 'wrong' })
      .lookup('imp_x')
      .catch((e) => e)
    expect(error).toBeInstanceOf(GatewayError)
    expect(error.kind).toBe('rejected')
    expect(double.requests.filter((r) => r.route === 'getToken')).toHaveLength(1)
  })

  it('retries 5xx answers with backoff and then succeeds', async () => {
    const impUid = double.pay({ merchantUid: 'order-2', amount: 10_000 })
    double.failNext('getToken', { kind: '5xx' })
    double.failNext('lookup', { kind: '5xx' })
    expect((await gateway().lookup(impUid)).status).toBe('paid')
    expect(double.requests.map((r) => `${r.route}:${r.status}`)).toEqual([
      'getToken:503',
      'getToken:200',
      'lookup:503',
      'lookup:200',
    ])
  })

  it('retries a request that timed out', async () => {
    const impUid = double.pay({ merchantUid: 'order-3', amount: 10_000 })
    double.failNext('lookup', { kind: 'timeout', holdMs: 1500 })
    expect((await gateway().lookup(impUid)).amount).toBe(10_000)
  })

  it('gives up as unavailable when every attempt fails', async () => {
    const impUid = double.pay({ merchantUid: 'order-4', amount: 10_000 })
    double.failNext('lookup', { kind: '5xx' }, 3)
    await expect(gateway().lookup(impUid)).rejects.toMatchObject({ kind: 'unavailable' })
  })

  it('fetches a new token when the old one stopped working', async () => {
    const impUid = double.pay({ merchantUid: 'order-5', amount: 10_000 })
    const g = gateway()
    await g.lookup(impUid)
    double.expireTokens()
    expect((await g.lookup(impUid)).status).toBe('paid')
    expect(double.requests.filter((r) => r.route === 'getToken')).toHaveLength(2)
  })

  it('refunds in full with a checksum, and a repeated refund changes nothing', async () => {
    const impUid = double.pay({ merchantUid: 'order-6', amount: 30_000 })
    const g = gateway()
    const refunded = await g.refund({ providerPaymentId: impUid, amount: 30_000, reason: '예매 취소' })
    expect(refunded).toMatchObject({ status: 'cancelled', cancelledAmount: 30_000 })
    const again = await g.refund({ providerPaymentId: impUid, amount: 30_000, reason: '예매 취소' })
    expect(again.status).toBe('cancelled')
    expect(double.payment(impUid)!.cancel_history).toHaveLength(1)
  })

  it('never refunds twice when a cancel is retried after its answer was lost', async () => {
    const impUid = double.pay({ merchantUid: 'order-7', amount: 30_000 })
    // The first cancel is carried out but its answer is lost; the retry is refused by the checksum.
    double.failNext('cancel', { kind: 'lost' })
    const refunded = await gateway().refund({ providerPaymentId: impUid, amount: 30_000, reason: 'r' })
    expect(refunded.status).toBe('cancelled')
    expect(double.payment(impUid)!.cancel_amount).toBe(30_000)
    expect(double.payment(impUid)!.cancel_history).toHaveLength(1)
    expect(double.requests.filter((r) => r.route === 'cancel').map((r) => r.status)).toEqual([503, 200])
  })

  it('reads the webhook payload and ignores anything else', () => {
    const g = gateway()
    expect(g.parseWebhook({ imp_uid: 'imp_1', merchant_uid: 'm', status: 'paid' })).toEqual({
      providerPaymentId: 'imp_1',
      merchantUid: 'm',
    })
    expect(g.parseWebhook({ imp_uid: 1 })).toBeNull()
    expect(g.parseWebhook(null)).toBeNull()
  })
})
