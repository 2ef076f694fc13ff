// kill -9 of the real server in the middle of a surge: every acknowledged join is processed exactly once after a
// restart, none is lost, nothing is oversold, and the order stays first come, first served.
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../../test/fans-factory.ts'
import { createTestDatabase } from '../../../test/harness.ts'
import { spawnServer } from '../../../test/process.ts'
import { openPostgres } from '../../adapters/db/postgres.ts'

const FANS = 3000
const SEATS = 300

describe.skipIf(!process.env.TEST_DATABASE_URL)('the queue across a crash (PostgreSQL)', () => {
  it('keeps every acknowledged join and processes each exactly once after kill -9 and a restart', async () => {
    const fresh = await createTestDatabase()
    try {
      const setup = await openPostgres(fresh.url, { poolSize: 2 })
      const { eventId, grades } = await insertEvent(setup.db, {
        grades: [{ name: 'R석', price: 121_000, capacity: SEATS }],
      })
      const fans = await insertFans(setup.db, FANS)
      await setup.close()
      const env = { DATABASE_URL: fresh.url, JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off', SEED_DEMO: 'off' }

      const acknowledged = new Map<string, number>() // fan id → number
      const join = async (url: string, fan: (typeof fans)[number]) => {
        const res = await fetch(`${url}/api/events/${eventId}/queue`, {
          method: 'POST',
          headers: { authorization: `Bearer ${fan.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ gradeId: grades[0]!.id, quantity: 1 }),
        })
        const body = (await res.json()) as { number: number }
        if (res.status === 202 || res.status === 200) return body.number
        throw new Error(`join answered ${res.status}`)
      }

      const first = await spawnServer(env)
      let killed = false
      let next = 0
      const surge = Array.from({ length: 48 }, async () => {
        while (next < fans.length && !killed) {
          const fan = fans[next++]!
          try {
            acknowledged.set(fan.id, await join(first.url, fan))
          } catch {} // no answer: not acknowledged, the fan will retry
          if (acknowledged.size >= FANS / 3 && !killed) {
            killed = true
            first.child.kill('SIGKILL')
          }
        }
      })
      await Promise.all(surge)
      expect(await first.exited).toBe('SIGKILL')
      const ackedBeforeCrash = new Map(acknowledged)
      expect(ackedBeforeCrash.size).toBeGreaterThanOrEqual(FANS / 3)

      const second = await spawnServer(env)
      try {
        // Every fan (re)tries; those acknowledged before the crash must get their same number back.
        let i = 0
        await Promise.all(
          Array.from({ length: 32 }, async () => {
            while (i < fans.length) {
              const fan = fans[i++]!
              const number = await join(second.url, fan)
              const before = ackedBeforeCrash.get(fan.id)
              if (before !== undefined) expect(number).toBe(before)
              acknowledged.set(fan.id, number)
            }
          }),
        )
        for (;;) {
          const stats = (await (await fetch(`${second.url}/api/events/${eventId}/queue/stats`)).json()) as {
            servedUpTo: number
            lastNumber: number
          }
          if (stats.lastNumber > 0 && stats.servedUpTo === stats.lastNumber) break
          await sleep(100)
        }
      } finally {
        second.child.kill('SIGTERM')
        await second.exited
      }

      const client = new pg.Client({ connectionString: fresh.url })
      await client.connect()
      try {
        const { rows: entries } = await client.query(
          'select number, user_id, status, booking_id from queue_entries where event_id = $1 order by number',
          [eventId],
        )
        expect(entries.map((e) => e.number)).toEqual(Array.from({ length: entries.length }, (_, k) => k + 1))
        expect(entries).toHaveLength(FANS)
        const byUser = new Map(entries.map((e) => [e.user_id as string, e]))
        for (const [fanId, number] of acknowledged) expect(byUser.get(fanId)?.number).toBe(number)
        expect(entries.filter((e) => e.status === 'waiting')).toEqual([])
        const winners = entries.filter((e) => e.status === 'succeeded')
        const losers = entries.filter((e) => e.status === 'failed')
        expect(winners).toHaveLength(SEATS)
        expect(Math.max(...winners.map((e) => e.number))).toBeLessThan(Math.min(...losers.map((e) => e.number)))
        const { rows: totals } = await client.query(
          `select (select count(*)::int from bookings where event_id = $1) as bookings,
                  (select count(distinct queue_number)::int from bookings where event_id = $1) as numbers,
                  (select count(*)::int from tickets where event_id = $1) as tickets,
                  (select remaining from seat_grades where event_id = $1) as remaining`,
          [eventId],
        )
        expect(totals[0]).toEqual({ bookings: SEATS, numbers: SEATS, tickets: SEATS, remaining: 0 })
      } finally {
        await client.end()
      }
    } finally {
      await fresh.drop()
    }
  }, 240_000)
})
