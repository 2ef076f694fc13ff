import { eq } from 'drizzle-orm'
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
import { testProviderPayments } from '../../adapters/payment-gateway/test.tables.ts'
import { manualClock } from '../../kernel/clock.ts'
import { outboxEvents } from '../outbox/outbox.tables.ts'
import { PAYMENT_ATTEMPTS } from './payment.service.ts'
import { paymentHistory } from './payment.tables.ts'

const MINUTE = 60_000

describe.each(storages)('payments with the test provider on %s', (storage) => {
  let app: TestApp
  let clock: ReturnType<typeof manualClock>
  let fan: Account
  beforeEach(async () => {
    clock = manualClock(new Date())
    app = await startTestApp(storage, { JWT_SECRET: PAYMENTS_JWT_SECRET }, { clock })
    fan = await insertAccount(app.database.db, clock.now())
  })
  afterEach(() => app.close())

  const db = () => app.database.db
  const runJob = (name: string) => app.jobs.find((j) => j.name === name)!.run(new AbortController().signal)
  const held = (over: { payBy?: Date; startsAt?: Date; organizerId?: string } = {}) =>
    insertHeldBooking(db(), {
      userId: fan.id,
      now: clock.now(),
      payBy: new Date(clock.now().getTime() + 10 * MINUTE),
      ...over,
    })
  const prepare = (bookingId: string, who: Account = fan) =>
    app.http.inject({ method: 'POST', url: `/api/bookings/${bookingId}/payments`, headers: who.headers })
  const decide = (url: string, payload: object, who: Account = fan) =>
    app.http.inject({ method: 'POST', url, payload, headers: who.headers })
  const complete = (paymentId: string, providerPaymentId: string, who: Account = fan) =>
    app.http.inject({
      method: 'POST',
      url: `/api/payments/${paymentId}/complete`,
      payload: { providerPaymentId },
      headers: who.headers,
    })
  /** Prepare and pay in the test window; returns what the browser then holds. */
  async function payInWindow(bookingId: string, amount?: number) {
    const prepared = (await prepare(bookingId)).json()
    const decided = await decide(prepared.checkout.url, { decision: 'approve', ...(amount ? { amount } : {}) })
    return { paymentId: prepared.paymentId as string, providerPaymentId: decided.json().providerPaymentId as string }
  }

  it('pays a booking end to end: the amount comes from the booking, the provider confirms, the booking is confirmed', async () => {
    const b = await held()
    const prepared = await prepare(b.bookingId)
    expect(prepared.statusCode).toBe(201)
    expect(prepared.json()).toMatchObject({ amount: b.amount, provider: 'test' })
    const { checkout, paymentId } = prepared.json()
    const page = await app.http.inject({ url: checkout.url })
    expect(page.headers['content-type']).toContain('text/html')
    expect(page.body).toContain('테스트 결제')
    expect(page.body).toContain('220,000원')
    const decided = await decide(checkout.url, { decision: 'approve' })
    expect(decided.json()).toMatchObject({ status: 'paid' })

    const done = await complete(paymentId, decided.json().providerPaymentId)
    expect(done.statusCode).toBe(200)
    expect(done.json()).toMatchObject({ id: paymentId, bookingId: b.bookingId, amount: b.amount, status: 'paid' })
    expect(done.json().paidAt).toBeTruthy()
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')

    const again = await complete(paymentId, decided.json().providerPaymentId)
    expect(again.statusCode).toBe(200)
    expect(again.json().status).toBe('paid')

    const mine = (await app.http.inject({ url: '/api/payments', headers: fan.headers })).json()
    expect(mine.items.map((p: { id: string }) => p.id)).toEqual([paymentId])
    const one = (await app.http.inject({ url: `/api/payments/${paymentId}`, headers: fan.headers })).json()
    expect(one.history.map((h: { kind: string }) => h.kind)).toEqual(['prepared', 'provider_answer', 'paid'])
    const again2 = await prepare(b.bookingId)
    expect(again2.json().code).toBe('payment.already_paid')
  })

  it('takes the payer’s decision as JSON only: a form cannot carry the payer’s token', async () => {
    const b = await held()
    const { checkout } = (await prepare(b.bookingId)).json()
    const r = await app.http.inject({
      method: 'POST',
      url: checkout.url,
      payload: 'decision=decline',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...fan.headers },
    })
    expect(r.statusCode).toBe(415)
    const window = await app.http.inject({ url: checkout.url })
    expect(window.body).toContain('테스트 결제')
  })

  it('opens at most five payment windows per booking in ten minutes (429), and again after them', async () => {
    const b = await held({ payBy: new Date(clock.now().getTime() + 60 * MINUTE) })
    const statuses = []
    for (let i = 0; i < 6; i++) statuses.push((await prepare(b.bookingId)).statusCode)
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429])
    const other = await held()
    expect((await prepare(other.bookingId)).statusCode).toBe(201)
    clock.advance(PAYMENT_ATTEMPTS.windowMs)
    expect((await prepare(b.bookingId)).statusCode).toBe(201)
  })

  it('lets only the payer decide in the test checkout: no token is 401, another account’s is 404', async () => {
    const b = await held()
    const { checkout, paymentId } = (await prepare(b.bookingId)).json()
    const anonymous = await app.http.inject({ method: 'POST', url: checkout.url, payload: { decision: 'approve' } })
    expect(anonymous.statusCode).toBe(401)
    const stranger = await insertAccount(db(), clock.now())
    const other = await decide(checkout.url, { decision: 'approve' }, stranger)
    expect(other.statusCode).toBe(404)
    expect(other.json().code).toBe('payment.not_found')
    // Nothing was decided: the payer still can, and the booking confirms.
    const decided = await decide(checkout.url, { decision: 'approve' })
    expect(decided.json().status).toBe('paid')
    const done = await complete(paymentId, decided.json().providerPaymentId)
    expect(done.json().status).toBe('paid')
  })

  it('refunds a payment of the wrong amount and leaves the booking unpaid (409 payment.amount_mismatch)', async () => {
    const b = await held()
    const { paymentId, providerPaymentId } = await payInWindow(b.bookingId, 1_000)
    const r = await complete(paymentId, providerPaymentId)
    expect(r.statusCode).toBe(409)
    expect(r.json().code).toBe('payment.amount_mismatch')
    expect(await bookingStatus(db(), b.bookingId)).toBe('pending_payment')
    const [atProvider] = await db()
      .select()
      .from(testProviderPayments)
      .where(eq(testProviderPayments.id, providerPaymentId))
    expect(atProvider!.status).toBe('cancelled')
    const view = (await app.http.inject({ url: `/api/payments/${paymentId}`, headers: fan.headers })).json()
    expect(view).toMatchObject({ status: 'cancelled', failureCode: 'amount_mismatch' })
    expect((await complete(paymentId, providerPaymentId)).json().code).toBe('payment.amount_mismatch')
  })

  it('answers a declined payment with 409 payment.declined', async () => {
    const b = await held()
    const { paymentId, checkout } = (await prepare(b.bookingId)).json()
    const decided = (await decide(checkout.url, { decision: 'decline' })).json()
    const r = await complete(paymentId, decided.providerPaymentId)
    expect(r.json().code).toBe('payment.declined')
    expect(await bookingStatus(db(), b.bookingId)).toBe('pending_payment')
  })

  it('refuses a provider payment that belongs to another order', async () => {
    const first = await held()
    const second = await held()
    const a = await payInWindow(first.bookingId)
    const other = (await prepare(second.bookingId)).json()
    const r = await complete(other.paymentId, a.providerPaymentId)
    expect(r.json().code).toBe('payment.provider_mismatch')
    expect(await bookingStatus(db(), second.bookingId)).toBe('pending_payment')
  })

  it('confirms once when the webhook races the browser', async () => {
    const b = await held()
    const { paymentId, providerPaymentId } = await payInWindow(b.bookingId)
    const [browser, hook, hook2] = await Promise.all([
      complete(paymentId, providerPaymentId),
      app.http.inject({
        method: 'POST',
        url: '/api/payments/webhooks/test',
        payload: { imp_uid: providerPaymentId, merchant_uid: paymentId, status: 'paid' },
      }),
      app.http.inject({
        method: 'POST',
        url: '/api/payments/webhooks/test',
        payload: { imp_uid: providerPaymentId, merchant_uid: paymentId, status: 'paid' },
      }),
    ])
    expect([browser.statusCode, hook.statusCode, hook2.statusCode]).toEqual([200, 200, 200])
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
    const paidNotes = await db().select().from(paymentHistory).where(eq(paymentHistory.kind, 'paid'))
    expect(paidNotes).toHaveLength(1)
    const confirmations = await db().select().from(outboxEvents).where(eq(outboxEvents.type, 'payment.confirmed'))
    expect(confirmations).toHaveLength(1)
  })

  it('answers webhooks for unknown providers 404 and malformed ones 400', async () => {
    const unknown = await app.http.inject({ method: 'POST', url: '/api/payments/webhooks/kakao', payload: {} })
    expect(unknown.statusCode).toBe(404)
    const bad = await app.http.inject({ method: 'POST', url: '/api/payments/webhooks/test', payload: { imp_uid: 3 } })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('payment.bad_webhook')
  })

  it('keeps other people out: their booking and their payment are 404', async () => {
    const b = await held()
    const stranger = await insertAccount(db(), clock.now())
    expect((await prepare(b.bookingId, stranger)).statusCode).toBe(404)
    const { paymentId, providerPaymentId } = await payInWindow(b.bookingId)
    expect((await complete(paymentId, providerPaymentId, stranger)).statusCode).toBe(404)
    expect((await app.http.inject({ url: `/api/payments/${paymentId}`, headers: stranger.headers })).statusCode).toBe(
      404,
    )
    expect((await app.http.inject({ url: '/api/payments', headers: stranger.headers })).json().items).toEqual([])
  })

  it('shows an event’s payments to its organizer and admins only', async () => {
    const organizer = await insertAccount(db(), clock.now(), 'organizer')
    const otherOrganizer = await insertAccount(db(), clock.now(), 'organizer')
    const admin = await insertAccount(db(), clock.now(), 'admin')
    const b = await held({ organizerId: organizer.id })
    const { paymentId, providerPaymentId } = await payInWindow(b.bookingId)
    await complete(paymentId, providerPaymentId)
    const url = `/api/events/${b.eventId}/payments`
    const mine = await app.http.inject({ url, headers: organizer.headers })
    expect(mine.json().items).toMatchObject([{ id: paymentId, userId: fan.id, status: 'paid' }])
    expect((await app.http.inject({ url, headers: admin.headers })).json().items).toHaveLength(1)
    expect((await app.http.inject({ url, headers: otherOrganizer.headers })).statusCode).toBe(404)
    expect((await app.http.inject({ url, headers: fan.headers })).statusCode).toBe(403)
  })

  it('when the payment deadline passes, the seats return to sale and a late payment is refunded (409)', async () => {
    const b = await held()
    const { paymentId, providerPaymentId } = await payInWindow(b.bookingId)
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity - 2)
    clock.advance(11 * MINUTE)
    await runJob('booking.expire-unpaid')
    expect(await bookingStatus(db(), b.bookingId)).toBe('expired')
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity)
    await runJob('booking.expire-unpaid') // idempotent: nothing more comes back
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity)

    const r = await complete(paymentId, providerPaymentId)
    expect(r.statusCode).toBe(409)
    expect(r.json().code).toBe('payment.booking_expired')
    const [atProvider] = await db()
      .select()
      .from(testProviderPayments)
      .where(eq(testProviderPayments.id, providerPaymentId))
    expect(atProvider!.status).toBe('cancelled')
    expect(await bookingStatus(db(), b.bookingId)).toBe('expired')
  })

  it('finds nothing to refund for a window left open, and refunds the payer who pays in it after all', async () => {
    const b = await held()
    const { paymentId, checkout } = (await prepare(b.bookingId)).json()
    clock.advance(11 * MINUTE)
    await runJob('booking.expire-unpaid')
    await app.outbox.drain() // booking.released: the open attempt must be settled with the provider
    await runJob('payment.refunds')
    const ended = (await app.http.inject({ url: `/api/payments/${paymentId}`, headers: fan.headers })).json()
    expect(ended).toMatchObject({ status: 'failed', failureCode: 'booking_expired' })
    expect(ended.history.map((h: { kind: string }) => h.kind)).toContain('nothing_to_refund')

    const late = (await decide(checkout.url, { decision: 'approve' })).json()
    const hook = await app.http.inject({
      method: 'POST',
      url: '/api/payments/webhooks/test',
      payload: { imp_uid: late.providerPaymentId, merchant_uid: paymentId, status: 'paid' },
    })
    expect(hook.statusCode).toBe(200)
    const [atProvider] = await db()
      .select()
      .from(testProviderPayments)
      .where(eq(testProviderPayments.id, late.providerPaymentId))
    expect(atProvider!.status).toBe('cancelled')
    expect(await bookingStatus(db(), b.bookingId)).toBe('expired')
    expect((await complete(paymentId, late.providerPaymentId)).json().code).toBe('payment.booking_expired')
  })

  it('honours a payment for a booking past payBy that the sweep has not released yet', async () => {
    const b = await held()
    const { paymentId, providerPaymentId } = await payInWindow(b.bookingId)
    clock.advance(11 * MINUTE)
    expect((await complete(paymentId, providerPaymentId)).json().status).toBe('paid')
    await runJob('booking.expire-unpaid')
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity - 2)
  })

  it('cancels a paid booking before the event: refund at the provider, then the seats come back', async () => {
    const b = await held()
    const { paymentId, providerPaymentId } = await payInWindow(b.bookingId)
    await complete(paymentId, providerPaymentId)
    const r = await app.http.inject({
      method: 'POST',
      url: `/api/bookings/${b.bookingId}/cancel`,
      headers: fan.headers,
    })
    expect(r.statusCode).toBe(200)
    expect(r.json().status).toBe('cancelled')
    expect(r.json().tickets.every((t: { status: string }) => t.status === 'cancelled')).toBe(true)
    expect(await remainingSeats(db(), b.gradeId)).toBe(b.capacity)
    const view = (await app.http.inject({ url: `/api/payments/${paymentId}`, headers: fan.headers })).json()
    expect(view).toMatchObject({ status: 'cancelled', failureCode: 'booking_cancelled' })
    expect(view.cancelledAt).toBeTruthy()
    const [atProvider] = await db()
      .select()
      .from(testProviderPayments)
      .where(eq(testProviderPayments.id, providerPaymentId))
    expect(atProvider!.status).toBe('cancelled')
  })

  it('refuses to cancel a paid booking once the event has started', async () => {
    const b = await held({ startsAt: new Date(clock.now().getTime() + 5 * MINUTE) })
    const { paymentId, providerPaymentId } = await payInWindow(b.bookingId)
    await complete(paymentId, providerPaymentId)
    clock.advance(6 * MINUTE)
    const r = await app.http.inject({
      method: 'POST',
      url: `/api/bookings/${b.bookingId}/cancel`,
      headers: fan.headers,
    })
    expect(r.statusCode).toBe(409)
    expect(r.json().code).toBe('payment.event_started')
    expect(await bookingStatus(db(), b.bookingId)).toBe('confirmed')
  })
})
