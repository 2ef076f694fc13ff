// The outbox survives a crash between commit and delivery: a booking released on one app instance, which stops
// before its dispatcher runs, is followed up by the next instance on the same database.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, isNull } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestDatabase, type StorageKind, startTestApp, storages } from '../../../test/harness.ts'
import { insertAccount, insertHeldBooking, PAYMENTS_JWT_SECRET, tokenAt } from '../../../test/payments-factory.ts'
import type { Database } from '../../adapters/db/database.ts'
import { openPglite } from '../../adapters/db/pglite.ts'
import { openPostgres } from '../../adapters/db/postgres.ts'
import { testProviderPayments } from '../../adapters/payment-gateway/test.tables.ts'
import { manualClock } from '../../kernel/clock.ts'
import { outboxEvents } from '../outbox/outbox.tables.ts'
import { payments } from './payment.tables.ts'

/** A database that can be closed and opened again, as a restarted server would. */
async function durableDatabase(kind: StorageKind) {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'trusticket-outbox-'))
    return { open: () => openPglite(dir), drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  const fresh = await createTestDatabase()
  return { open: () => openPostgres(fresh.url, { poolSize: 5 }), drop: fresh.drop }
}

describe.each(storages)('outbox across a crash on %s', (storage) => {
  let drop = async () => {}
  afterEach(() => drop())

  it('delivers booking.released after the process stopped between commit and delivery', async () => {
    const durable = await durableDatabase(storage)
    drop = durable.drop
    const clock = manualClock(new Date())
    const env = { JWT_SECRET: PAYMENTS_JWT_SECRET }

    // First life: a fan pays in the provider's window but never comes back; the deadline passes and the sweep
    // expires the booking. The process stops before any dispatcher runs.
    let database: Database = await durable.open()
    const first = await startTestApp(storage, env, { clock, database })
    const fan = await insertAccount(database.db, clock.now())
    const b = await insertHeldBooking(database.db, {
      userId: fan.id,
      now: clock.now(),
      payBy: new Date(clock.now().getTime() + 60_000),
    })
    const headers = await tokenAt(fan, clock.now())
    const prepared = (
      await first.http.inject({ method: 'POST', url: `/api/bookings/${b.bookingId}/payments`, headers })
    ).json()
    await first.http.inject({ method: 'POST', url: prepared.checkout.url, payload: { decision: 'approve' }, headers })
    clock.advance(61_000)
    await first.jobs.find((j) => j.name === 'booking.expire-unpaid')!.run(new AbortController().signal)
    const undelivered = await database.db.select().from(outboxEvents).where(isNull(outboxEvents.deliveredAt))
    expect(undelivered.map((e) => e.type)).toEqual(['booking.released'])
    await first.close()

    // Second life, same database: the dispatcher delivers, and the payment taken for nothing is refunded.
    database = await durable.open()
    const second = await startTestApp(storage, env, { clock, database })
    try {
      expect(await second.outbox.drain()).toBe(1)
      const [decided] = await database.db.select().from(payments).where(eq(payments.id, prepared.paymentId))
      expect(decided).toMatchObject({ status: 'refund_pending', failureCode: 'booking_expired' })
      await second.jobs.find((j) => j.name === 'payment.refunds')!.run(new AbortController().signal)
      const [settled] = await database.db.select().from(payments).where(eq(payments.id, prepared.paymentId))
      expect(settled!.status).toBe('cancelled')
      const [atProvider] = await database.db
        .select()
        .from(testProviderPayments)
        .where(eq(testProviderPayments.merchantUid, prepared.paymentId))
      expect(atProvider!.status).toBe('cancelled')
      expect(await second.outbox.drain()).toBe(0) // delivered once; nothing left
    } finally {
      await second.close()
    }
  })
})
