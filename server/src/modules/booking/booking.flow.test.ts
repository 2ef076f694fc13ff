// Bookings through the HTTP API: what the worker wrote, who may see it, and cancelling an unpaid one.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../../test/fans-factory.ts'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { manualClock } from '../../kernel/clock.ts'

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

describe.each(storages)('bookings on %s', (storage) => {
  let app: TestApp
  afterEach(async () => {
    await app?.close()
  })

  async function book(eventId: string, gradeId: string, token: string, quantity: number) {
    await app.http.inject({
      method: 'POST',
      url: `/api/events/${eventId}/queue`,
      headers: auth(token),
      payload: { gradeId, quantity },
    })
    for (;;) {
      const me = (await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: auth(token) })).json()
      if (me.status !== 'waiting') return me
      await sleep(20)
    }
  }

  it('a winner sees their booking with tickets and the end-of-day deadline; others get 404; cancel returns the seats', async () => {
    // 23:40 in Seoul: the last 30 minutes of the day, so the deadline is the next day's end.
    const clock = manualClock(new Date('2026-05-05T23:40:00+09:00'))
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' }, { clock })
    const { eventId, grades } = await insertEvent(app.database.db, {
      now: clock.now(),
      grades: [{ name: 'VIP석', price: 165_000, capacity: 5 }],
    })
    const [fan, stranger] = await insertFans(app.database.db, 2)
    const [admin] = await insertFans(app.database.db, 1, { role: 'admin' })
    await app.start()
    const entry = await book(eventId, grades[0]!.id, fan!.token, 3)
    expect(entry).toMatchObject({ status: 'succeeded', position: 0, etaSeconds: 0 })
    const bookingId = entry.result.bookingId as string

    const mine = (await app.http.inject({ url: '/api/bookings', headers: auth(fan!.token) })).json()
    expect(mine.nextCursor).toBeNull()
    expect(mine.items).toHaveLength(1)
    const booking = mine.items[0]
    expect(booking).toMatchObject({
      id: bookingId,
      eventId,
      gradeId: grades[0]!.id,
      quantity: 3,
      amount: 495_000,
      status: 'pending_payment',
      payBy: '2026-05-06T14:59:59.000Z',
    })
    expect(booking.tickets).toHaveLength(3)
    expect(booking.tickets.every((t: { status: string }) => t.status === 'valid')).toBe(true)

    const byId = (token: string) => app.http.inject({ url: `/api/bookings/${bookingId}`, headers: auth(token) })
    expect((await byId(fan!.token)).json()).toEqual(booking)
    expect((await byId(stranger!.token)).statusCode).toBe(404)
    expect((await byId(admin!.token)).statusCode).toBe(200)
    const strangerCancel = await app.http.inject({
      method: 'POST',
      url: `/api/bookings/${bookingId}/cancel`,
      headers: auth(stranger!.token),
    })
    expect(strangerCancel.statusCode).toBe(404)

    const cancel = () =>
      app.http.inject({ method: 'POST', url: `/api/bookings/${bookingId}/cancel`, headers: auth(fan!.token) })
    const cancelled = (await cancel()).json()
    expect(cancelled.status).toBe('cancelled')
    expect(cancelled.tickets.every((t: { status: string }) => t.status === 'cancelled')).toBe(true)
    expect((await cancel()).json().status).toBe('cancelled')
    // The seats are back: with only two left, four could not be had.
    const [other] = await insertFans(app.database.db, 1)
    expect((await book(eventId, grades[0]!.id, other!.token, 4)).status).toBe('succeeded')
  })

  it('lists my bookings newest first, a page at a time', async () => {
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' })
    const [fan] = await insertFans(app.database.db, 1)
    await app.start()
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      const { eventId, grades } = await insertEvent(app.database.db, {
        paymentDeadline: { policy: 'minutes', minutes: 15 },
      })
      ids.push((await book(eventId, grades[0]!.id, fan!.token, 1)).result.bookingId)
    }
    const first = (await app.http.inject({ url: '/api/bookings?limit=2', headers: auth(fan!.token) })).json()
    expect(first.items.map((b: { id: string }) => b.id)).toEqual([ids[2], ids[1]])
    const second = (
      await app.http.inject({ url: `/api/bookings?limit=2&cursor=${first.nextCursor}`, headers: auth(fan!.token) })
    ).json()
    expect(second).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null })
    const b = second.items[0]
    expect(new Date(b.payBy).getTime() - new Date(b.createdAt).getTime()).toBe(15 * 60_000)
    expect((await app.http.inject({ url: '/api/bookings/nope', headers: auth(fan!.token) })).statusCode).toBe(404)
    expect((await app.http.inject({ url: '/api/bookings' })).statusCode).toBe(401)
  })
})
