// The whole fan journey through the HTTP API with the worker role running: join the queue, win seats, pay in the
// built-in test checkout, see the booking confirmed and the payment in the history, cancel, get the money and the
// seats back.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { insertEvent } from '../events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../fans-factory.ts'
import { startTestApp, storages, type TestApp } from '../harness.ts'

describe.each(storages)('the payment journey on %s', (storage) => {
  let app: TestApp
  afterEach(() => app?.close())

  it('queue → booking → test checkout → confirmed → cancelled with refund and seats back', async () => {
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' })
    await app.start()
    const { eventId, grades } = await insertEvent(app.database.db, {
      grades: [{ name: 'VIP석', price: 165_000, capacity: 5 }],
    })
    const [fan] = await insertFans(app.database.db, 1)
    const headers = { authorization: `Bearer ${fan!.token}` }
    const gradeId = grades[0]!.id
    const remaining = async () =>
      (await app.http.inject({ url: `/api/events/${eventId}` })).json().grades[0].remaining as number

    const joined = await app.http.inject({
      method: 'POST',
      url: `/api/events/${eventId}/queue`,
      headers,
      payload: { gradeId, quantity: 2 },
    })
    expect(joined.statusCode).toBe(202)
    const entry = await vi.waitFor(
      async () => {
        const me = (await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers })).json()
        expect(me.status).toBe('succeeded')
        return me
      },
      { timeout: 30_000, interval: 25 },
    )
    const bookingId = entry.result.bookingId as string
    expect(await remaining()).toBe(3)

    const prepared = await app.http.inject({ method: 'POST', url: `/api/bookings/${bookingId}/payments`, headers })
    expect(prepared.statusCode).toBe(201)
    expect(prepared.json().amount).toBe(330_000)
    const decided = await app.http.inject({
      method: 'POST',
      url: prepared.json().checkout.url,
      payload: { decision: 'approve' },
      headers,
    })
    const completed = await app.http.inject({
      method: 'POST',
      url: `/api/payments/${prepared.json().paymentId}/complete`,
      headers,
      payload: { providerPaymentId: decided.json().providerPaymentId },
    })
    expect(completed.json()).toMatchObject({ status: 'paid', amount: 330_000 })
    const booking = (await app.http.inject({ url: `/api/bookings/${bookingId}`, headers })).json()
    expect(booking).toMatchObject({ status: 'confirmed', amount: 330_000 })
    expect(booking.tickets).toHaveLength(2)

    const cancelled = await app.http.inject({ method: 'POST', url: `/api/bookings/${bookingId}/cancel`, headers })
    expect(cancelled.json().status).toBe('cancelled')
    expect(await remaining()).toBe(5)
    const history = (await app.http.inject({ url: '/api/payments', headers })).json().items
    expect(history).toMatchObject([{ bookingId, status: 'cancelled', amount: 330_000 }])
    expect(history[0].cancelledAt).toBeTruthy()
  })
})
