// A payment completing while the deadline sweep runs ends in exactly one outcome, every time: confirmed (seats
// kept), or expired with the payment refunded (seats back) and the browser told 409 payment.booking_expired.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import {
  bookingStatus,
  insertAccount,
  insertHeldBooking,
  PAYMENTS_JWT_SECRET,
  remainingSeats,
  tokenAt,
} from '../../../test/payments-factory.ts'
import { testProviderPayments } from '../../adapters/payment-gateway/test.tables.ts'
import { manualClock } from '../../kernel/clock.ts'
import { payments } from './payment.tables.ts'

const MINUTE = 60_000
const REPETITIONS = 30

describe.each(storages)('deadline sweep racing a payment on %s', (storage) => {
  let app: TestApp
  let clock: ReturnType<typeof manualClock>
  beforeEach(async () => {
    clock = manualClock(new Date())
    app = await startTestApp(storage, { JWT_SECRET: PAYMENTS_JWT_SECRET }, { clock })
  })
  afterEach(() => app.close())

  it(`ends in exactly one outcome, ${REPETITIONS} times over`, async () => {
    const db = app.database.db
    const sweep = app.jobs.find((j) => j.name === 'booking.expire-unpaid')!
    const fan = await insertAccount(db, clock.now())
    const outcomes = { confirmed: 0, expired: 0 }
    for (let i = 0; i < REPETITIONS; i++) {
      const headers = await tokenAt(fan, clock.now())
      const b = await insertHeldBooking(db, {
        userId: fan.id,
        now: clock.now(),
        payBy: new Date(clock.now().getTime() + 10 * MINUTE),
      })
      const prepared = (
        await app.http.inject({ method: 'POST', url: `/api/bookings/${b.bookingId}/payments`, headers })
      ).json()
      const decided = (
        await app.http.inject({ method: 'POST', url: prepared.checkout.url, payload: { decision: 'approve' }, headers })
      ).json()
      clock.advance(10 * MINUTE + 1000) // the deadline has just passed; the sweep and the browser arrive together
      // Who starts first, and by how much, moves from the sweep 10 ms ahead to the browser 18 ms ahead, so the two
      // meet at every point of the completion, and each side also wins outright at the ends.
      const offset = (i % 15) * 2 - 10
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
      const [completed] = await Promise.all([
        wait(-offset).then(() =>
          app.http.inject({
            method: 'POST',
            url: `/api/payments/${prepared.paymentId}/complete`,
            payload: { providerPaymentId: decided.providerPaymentId },
            headers,
          }),
        ),
        wait(offset).then(() => sweep.run(new AbortController().signal)),
      ])
      await sweep.run(new AbortController().signal) // whatever the order, a later sweep changes nothing

      const status = await bookingStatus(db, b.bookingId)
      const [payment] = await db.select().from(payments).where(eq(payments.id, prepared.paymentId))
      const [atProvider] = await db
        .select()
        .from(testProviderPayments)
        .where(eq(testProviderPayments.id, decided.providerPaymentId))
      const seats = await remainingSeats(db, b.gradeId)
      if (status === 'confirmed') {
        outcomes.confirmed++
        expect(completed.statusCode).toBe(200)
        expect(payment!.status).toBe('paid')
        expect(atProvider!.status).toBe('paid')
        expect(seats).toBe(b.capacity - 2)
      } else {
        outcomes.expired++
        expect(status).toBe('expired')
        expect(completed.statusCode).toBe(409)
        expect(completed.json().code).toBe('payment.booking_expired')
        expect(payment).toMatchObject({ status: 'cancelled', failureCode: 'booking_expired' })
        expect(atProvider!.status).toBe('cancelled')
        expect(seats).toBe(b.capacity)
      }
    }
    expect(outcomes.confirmed + outcomes.expired).toBe(REPETITIONS)
    // A race in which one side always wins tested nothing of the other.
    expect(outcomes.confirmed).toBeGreaterThan(0)
    expect(outcomes.expired).toBeGreaterThan(0)
    console.info(`[${storage}] sweep vs payment over ${REPETITIONS} races:`, outcomes)
  })
})
