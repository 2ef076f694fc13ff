import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { bookingStatus, insertAccount, insertHeldBooking, remainingSeats } from '../../../test/payments-factory.ts'
import { manualClock } from '../../kernel/clock.ts'
import { outboxEvents } from '../outbox/outbox.tables.ts'

const MINUTE = 60_000

describe.each(storages)('expiring unpaid bookings on %s', (storage) => {
  let app: TestApp
  let clock: ReturnType<typeof manualClock>
  beforeEach(async () => {
    clock = manualClock(new Date())
    app = await startTestApp(storage, {}, { clock })
  })
  afterEach(() => app.close())

  it('expires each overdue booking once and returns its seats once, with several sweeps at the same time', async () => {
    const db = app.database.db
    const fan = await insertAccount(db, clock.now())
    const due = new Date(clock.now().getTime() + 5 * MINUTE)
    const overdue = await Promise.all(
      Array.from({ length: 12 }, () => insertHeldBooking(db, { userId: fan.id, now: clock.now(), payBy: due })),
    )
    const later = await insertHeldBooking(db, {
      userId: fan.id,
      now: clock.now(),
      payBy: new Date(clock.now().getTime() + 60 * MINUTE),
    })
    clock.advance(6 * MINUTE)
    const sweep = app.jobs.find((j) => j.name === 'booking.expire-unpaid')!
    await Promise.all([1, 2, 3].map(() => sweep.run(new AbortController().signal)))

    for (const b of overdue) {
      expect(await bookingStatus(db, b.bookingId)).toBe('expired')
      expect(await remainingSeats(db, b.gradeId)).toBe(b.capacity)
    }
    expect(await bookingStatus(db, later.bookingId)).toBe('pending_payment')
    expect(await remainingSeats(db, later.gradeId)).toBe(later.capacity - 2)
    const released = await db.select().from(outboxEvents).where(eq(outboxEvents.type, 'booking.released'))
    expect(released.map((e) => e.subject).sort()).toEqual(overdue.map((b) => b.bookingId).sort())
    // Counted once each, however many sweeps raced for them.
    const metrics = (await app.http.inject({ method: 'GET', url: '/metrics' })).body
    expect(/^bookings_expired_total (\d+)$/m.exec(metrics)?.[1]).toBe('12')
  })

  it('leaves a booking alone until its payBy has passed', async () => {
    const db = app.database.db
    const fan = await insertAccount(db, clock.now())
    const b = await insertHeldBooking(db, {
      userId: fan.id,
      now: clock.now(),
      payBy: new Date(clock.now().getTime() + MINUTE),
    })
    clock.set(new Date(clock.now().getTime() + MINUTE)) // exactly at payBy: still payable
    await app.jobs.find((j) => j.name === 'booking.expire-unpaid')!.run(new AbortController().signal)
    expect(await bookingStatus(db, b.bookingId)).toBe('pending_payment')
  })
})
