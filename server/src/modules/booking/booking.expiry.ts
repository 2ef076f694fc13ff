// The payment deadline: unpaid bookings past payBy expire and their seats go back on sale. Safe with several
// workers: each batch locks its bookings with SKIP LOCKED, and release() re-checks the status under the lock, so
// a booking is expired once, and never after a payment confirmed it.
import { and, asc, eq, lt } from 'drizzle-orm'
import { Counter, type Registry } from 'prom-client'
import type { Db } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { Job } from '../../kernel/jobs.ts'
import type { BookingService } from './booking.service.ts'
import { bookings } from './booking.tables.ts'

export function createExpiry(deps: {
  db: Db
  clock: Clock
  release: BookingService['release']
  batchSize?: number
  /** Where `bookings_expired_total` is reported; none by default. */
  metrics?: Registry
}) {
  const { db, clock, release } = deps
  const batchSize = deps.batchSize ?? 200
  const expiredTotal =
    deps.metrics &&
    new Counter({
      name: 'bookings_expired_total',
      help: 'Unpaid bookings cancelled at their payBy deadline, their seats returned to sale',
      registers: [deps.metrics],
    })

  /** Expires one batch of overdue bookings; returns how many it expired. */
  async function expireUnpaid(): Promise<number> {
    const expired = await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: bookings.id })
        .from(bookings)
        .where(and(eq(bookings.status, 'pending_payment'), lt(bookings.payBy, clock.now())))
        .orderBy(asc(bookings.payBy), asc(bookings.id))
        .limit(batchSize)
        .for('update', { skipLocked: true })
      let expired = 0
      for (const { id } of due) if (await release(tx, id, 'expired')) expired++
      return expired
    })
    expiredTotal?.inc(expired)
    return expired
  }

  const job: Job = {
    name: 'booking.expire-unpaid',
    intervalMs: 1_000,
    async run(signal) {
      while (!signal.aborted && (await expireUnpaid()) > 0) {}
    },
  }
  return { expireUnpaid, job }
}
