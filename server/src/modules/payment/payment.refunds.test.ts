// Refunds decided in our books are carried out once at the provider, however many workers run the refund job.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { bookingStatus, insertAccount, insertHeldBooking, PAYMENTS_JWT_SECRET } from '../../../test/payments-factory.ts'
import { type PortOneDouble, startPortOneDouble } from '../../../test/portone-double.ts'
import { createPortOneGateway } from '../../adapters/payment-gateway/portone.ts'
import { manualClock } from '../../kernel/clock.ts'
import { outboxEvents } from '../outbox/outbox.tables.ts'
import { paymentHistory } from './payment.tables.ts'

describe.each(storages)('the refund job on %s', (storage) => {
  let app: TestApp
  let double: PortOneDouble
  let clock: ReturnType<typeof manualClock>
  beforeEach(async () => {
    double = await startPortOneDouble()
    clock = manualClock(new Date())
    const gateway = createPortOneGateway({
      apiKey: double.apiKey,
      apiSecret: double.apiSecret,
      baseUrl: double.url,
      impCode: 'imp12345678',
      timeoutMs: 500,
      attempts: 1,
      backoffMs: 1,
    })
    app = await startTestApp(storage, { JWT_SECRET: PAYMENTS_JWT_SECRET }, { clock, paymentGateway: gateway })
  })
  afterEach(async () => {
    await app.close()
    await double.close()
  })

  it('refunds once with three workers at the same time, and backs off while the provider fails', async () => {
    const db = app.database.db
    const fan = await insertAccount(db, clock.now())
    const b = await insertHeldBooking(db, {
      userId: fan.id,
      now: clock.now(),
      payBy: new Date(clock.now().getTime() + 600_000),
    })
    const prepared = (
      await app.http.inject({ method: 'POST', url: `/api/bookings/${b.bookingId}/payments`, headers: fan.headers })
    ).json()
    const impUid = double.pay({ merchantUid: prepared.paymentId, amount: b.amount })
    await app.http.inject({
      method: 'POST',
      url: `/api/payments/${prepared.paymentId}/complete`,
      payload: { providerPaymentId: impUid },
      headers: fan.headers,
    })
    double.failNext('cancel', { kind: '5xx' }, 2)
    const cancel = await app.http.inject({
      method: 'POST',
      url: `/api/bookings/${b.bookingId}/cancel`,
      headers: fan.headers,
    })
    expect(cancel.statusCode).toBe(503)

    const job = app.jobs.find((j) => j.name === 'payment.refunds')!
    const runAll = () => Promise.all([1, 2, 3].map(() => job.run(new AbortController().signal)))
    await runAll() // not due yet: the first retry waits 5 s
    expect(double.requests.filter((r) => r.route === 'cancel')).toHaveLength(1)
    clock.advance(5_000)
    await runAll() // due: one worker takes it, the provider fails again, the next try waits 10 s
    expect(double.requests.filter((r) => r.route === 'cancel')).toHaveLength(2)
    clock.advance(5_000)
    await runAll()
    expect(double.requests.filter((r) => r.route === 'cancel')).toHaveLength(2)
    clock.advance(5_000)
    await runAll()

    expect(double.requests.filter((r) => r.route === 'cancel').map((r) => r.status)).toEqual([503, 503, 200])
    expect(double.payment(impUid)!.cancel_history).toHaveLength(1)
    expect(await bookingStatus(db, b.bookingId)).toBe('cancelled')
    const notes = await db.select().from(paymentHistory).where(eq(paymentHistory.paymentId, prepared.paymentId))
    expect(notes.filter((n) => n.kind === 'refunded')).toHaveLength(1)
    expect(notes.filter((n) => n.kind === 'refund_failed')).toHaveLength(2)
    const refunded = await db.select().from(outboxEvents).where(eq(outboxEvents.type, 'payment.refunded'))
    expect(refunded).toHaveLength(1)
  })
})
