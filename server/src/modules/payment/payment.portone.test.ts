// The payment journey with PortOne V1, against the local PortOne double over real HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import {
  type Account,
  bookingStatus,
  insertAccount,
  insertHeldBooking,
  PAYMENTS_JWT_SECRET,
  remainingSeats,
} from '../../../test/payments-factory.ts'
import { type PortOneDouble, startPortOneDouble } from '../../../test/portone-double.ts'
import { createPortOneGateway } from '../../adapters/payment-gateway/portone.ts'
import { ConfigError, parseConfig } from '../../config.ts'
import { manualClock } from '../../kernel/clock.ts'

describe('PortOne configuration', () => {
  it('lists every missing PortOne setting at once', () => {
    const error = (() => {
      try {
        parseConfig({ PAYMENT_PROVIDER: 'portone' })
      } catch (e) {
        return e as ConfigError
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect(error!.problems).toEqual([
      'PORTONE_API_KEY: required when PAYMENT_PROVIDER=portone',
      'PORTONE_API_SECRET: required when PAYMENT_PROVIDER=portone',
      'PORTONE_IMP_CODE: required when PAYMENT_PROVIDER=portone',
    ])
  })

  it('defaults the base URL to the real API', () => {
    const config = parseConfig({
      PAYMENT_PROVIDER: 'portone',
      PORTONE_API_KEY: 'k',
      PORTONE_API_SECRET: 's',
      PORTONE_IMP_CODE: 'imp12345678',
    })
    expect(config.portone).toMatchObject({ baseUrl: 'https://api.iamport.kr', impCode: 'imp12345678' })
  })
})

describe.each(storages)('payments through PortOne (local double) on %s', (storage) => {
  let app: TestApp
  let double: PortOneDouble
  let clock: ReturnType<typeof manualClock>
  let fan: Account
  beforeEach(async () => {
    double = await startPortOneDouble()
    clock = manualClock(new Date())
    const gateway = createPortOneGateway({
      apiKey: double.apiKey,
      apiSecret: double.apiSecret,
      baseUrl: double.url,
      impCode: 'imp12345678',
      channelKey: 'channel-key-test',
      timeoutMs: 500,
      attempts: 3,
      backoffMs: 5,
    })
    app = await startTestApp(storage, { JWT_SECRET: PAYMENTS_JWT_SECRET }, { clock, paymentGateway: gateway })
    fan = await insertAccount(app.database.db, clock.now())
  })
  afterEach(async () => {
    await app.close()
    await double.close()
  })

  const db = () => app.database.db
  const held = () =>
    insertHeldBooking(db(), { userId: fan.id, now: clock.now(), payBy: new Date(clock.now().getTime() + 600_000) })
  const prepare = async (bookingId: string) =>
    (await app.http.inject({ method: 'POST', url: `/api/bookings/${bookingId}/payments`, headers: fan.headers })).json()
  const complete = (paymentId: string, providerPaymentId: string) =>
    app.http.inject({
      method: 'POST',
      url: `/api/payments/${paymentId}/complete`,
      payload: { providerPaymentId },
      headers: fan.headers,
    })

  it('hands the browser what IMP.request_pay needs, then confirms what PortOne says was paid', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    expect(prepared).toMatchObject({ provider: 'portone', amount: b.amount })
    expect(prepared.checkout).toMatchObject({
      sdkUrl: 'https://cdn.iamport.kr/v1/iamport.js',
      impCode: 'imp12345678',
      merchantUid: prepared.paymentId,
      amount: b.amount,
      // The PG's receipt names the payer (KG이니시스 and others ask for them).
      channelKey: 'channel-key-test',
      buyerName: '결제 팬',
      buyerEmail: `${fan.id}@pay.example.com`,
    })
    const impUid = double.pay({ merchantUid: prepared.paymentId, amount: b.amount })
    const r = await complete(prepared.paymentId, impUid)
    expect(r.statusCode).toBe(200)
    expect(r.json()).toMatchObject({ status: 'paid', providerPaymentId: impUid })
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
  })

  it('confirms from the webhook alone when the browser never comes back', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    const impUid = double.pay({ merchantUid: prepared.paymentId, amount: b.amount })
    // Over real HTTP, as PortOne would call: the double posts { imp_uid, merchant_uid, status } to our URL.
    const base = await app.http.listen({ port: 0, host: '127.0.0.1' })
    const hook = await double.notify(`${base}/api/payments/webhooks/portone`, impUid)
    expect(hook.status).toBe(200)
    expect(await hook.json()).toEqual({ received: true })
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
  })

  it('takes a form-encoded webhook (a PortOne console option) like a JSON one', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    const impUid = double.pay({ merchantUid: prepared.paymentId, amount: b.amount })
    const base = await app.http.listen({ port: 0, host: '127.0.0.1' })
    const hook = await double.notify(`${base}/api/payments/webhooks/portone`, impUid, 'form')
    expect(hook.status).toBe(200)
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
  })

  it('a refund made in the PortOne console cancels the booking: its seats return, its tickets stop admitting', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    const impUid = double.pay({ merchantUid: prepared.paymentId, amount: b.amount })
    expect((await complete(prepared.paymentId, impUid)).statusCode).toBe(200)
    const base = await app.http.listen({ port: 0, host: '127.0.0.1' })
    const hook = () => double.notify(`${base}/api/payments/webhooks/portone`, impUid)
    // A webhook while PortOne still says paid changes nothing.
    expect((await hook()).status).toBe(200)
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity - 2)

    double.refundInConsole(impUid)
    expect((await hook()).status).toBe(200)
    expect(await bookingStatus(db(), b.bookingId)).toBe('cancelled')
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity)
    const payment = (await app.http.inject({ url: `/api/payments/${prepared.paymentId}`, headers: fan.headers })).json()
    expect(payment.status).toBe('cancelled')
    expect(payment.history.map((h: { kind: string }) => h.kind)).toContain('refunded_at_provider')
    const booking = (await app.http.inject({ url: `/api/bookings/${b.bookingId}`, headers: fan.headers })).json()
    expect(booking.tickets.every((t: { status: string }) => t.status !== 'valid')).toBe(true)
    // Told twice, it happens once.
    expect((await hook()).status).toBe(200)
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity)
  })

  it('does not believe a webhook that claims a payment PortOne does not know', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    const hook = await app.http.inject({
      method: 'POST',
      url: '/api/payments/webhooks/portone',
      payload: { imp_uid: 'imp_forged', merchant_uid: prepared.paymentId, status: 'paid' },
    })
    expect(hook.statusCode).toBe(200)
    expect(await bookingStatus(db(), b.bookingId)).toBe('pending_payment')
  })

  it('confirms a payment made after a declined try on the same order', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    const failedTry = double.pay({ merchantUid: prepared.paymentId, amount: b.amount, status: 'failed' })
    expect((await complete(prepared.paymentId, failedTry)).json().code).toBe('payment.declined')
    const paid = double.pay({ merchantUid: prepared.paymentId, amount: b.amount })
    const r = await complete(prepared.paymentId, paid)
    expect(r.json()).toMatchObject({ status: 'paid', providerPaymentId: paid, failureCode: null })
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
  })

  it('refunds a wrong amount at PortOne (409 payment.amount_mismatch)', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    const impUid = double.pay({ merchantUid: prepared.paymentId, amount: 100 })
    const r = await complete(prepared.paymentId, impUid)
    expect(r.json().code).toBe('payment.amount_mismatch')
    expect(double.payment(impUid)).toMatchObject({ status: 'cancelled', cancel_amount: 100 })
    expect(await bookingStatus(db(), b.bookingId)).toBe('pending_payment')
  })

  it('answers 503 while PortOne is down, and completes once it is back', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    const impUid = double.pay({ merchantUid: prepared.paymentId, amount: b.amount })
    double.failNext('getToken', { kind: '5xx' }, 3)
    const down = await complete(prepared.paymentId, impUid)
    expect(down.statusCode).toBe(503)
    expect(down.json().code).toBe('payment.provider_unavailable')
    expect(down.headers['content-type']).toContain('application/problem+json')
    expect((await complete(prepared.paymentId, impUid)).json().status).toBe('paid')
    // The outage and the recovery both show on /metrics, where an operator would see PortOne failing first.
    const metrics = (await app.http.inject({ method: 'GET', url: '/metrics' })).body
    const calls = (operation: string, outcome: string) =>
      Number(
        new RegExp(
          `^payment_gateway_request_seconds_count\\{provider="portone",operation="${operation}",outcome="${outcome}"\\} (\\d+)$`,
          'm',
        ).exec(metrics)?.[1] ?? 0,
      )
    expect(calls('lookup', 'unavailable')).toBe(1)
    expect(calls('lookup', 'ok')).toBe(1)
  })

  it('keeps a paid cancellation when the refund fails, and finishes it with the refund job', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    const impUid = double.pay({ merchantUid: prepared.paymentId, amount: b.amount })
    await complete(prepared.paymentId, impUid)
    double.failNext('cancel', { kind: '5xx' }, 3)
    const cancel = await app.http.inject({
      method: 'POST',
      url: `/api/bookings/${b.bookingId}/cancel`,
      headers: fan.headers,
    })
    expect(cancel.statusCode).toBe(503)
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
    expect(double.payment(impUid)!.status).toBe('paid')
    // The refund still owed shows on /metrics until the job has done it.
    const gauge = async (name: string) =>
      Number(new RegExp(`^${name} (\\d+)$`, 'm').exec((await app.http.inject({ url: '/metrics' })).body)?.[1])
    expect(await gauge('payments_refund_pending')).toBe(1)
    expect(await gauge('payments_refund_pending_max_attempts')).toBe(1)

    clock.advance(5_000) // the first retry is due
    await app.jobs.find((j) => j.name === 'payment.refunds')!.run(new AbortController().signal)
    expect(await gauge('payments_refund_pending')).toBe(0)
    expect(double.payment(impUid)).toMatchObject({ status: 'cancelled', cancel_amount: b.amount })
    expect(await bookingStatus(db(), b.bookingId)).toBe('cancelled')
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity)
    const history = (await app.http.inject({ url: `/api/payments/${prepared.paymentId}`, headers: fan.headers })).json()
      .history
    expect(history.map((h: { kind: string }) => h.kind)).toEqual([
      'prepared',
      'provider_answer',
      'paid',
      'booking_cancelled',
      'refund_failed',
      'refunded',
    ])
  })
})
