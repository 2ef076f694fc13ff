// kill -9 of the real server in the middle of a surge: every acknowledged join is processed exactly once after a
// restart, none is lost, nothing is oversold, and the order stays first come, first served.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../../test/fans-factory.ts'
import { createTestDatabase } from '../../../test/harness.ts'
import { spawnServer } from '../../../test/process.ts'
import type { Database } from '../../adapters/db/database.ts'
import { openPglite } from '../../adapters/db/pglite.ts'
import { openPostgres } from '../../adapters/db/postgres.ts'

const FANS = 2000
const SEATS = 200

interface Storage {
  env: Record<string, string>
  open(): Promise<Database>
  drop(): Promise<void>
}

/** A fresh PostgreSQL database, or a fresh DATA_DIR for the embedded one; the server process gets the same. */
async function freshStorage(kind: string): Promise<Storage> {
  if (kind === 'postgres') {
    const fresh = await createTestDatabase()
    return { env: { DATABASE_URL: fresh.url }, open: () => openPostgres(fresh.url, { poolSize: 2 }), drop: fresh.drop }
  }
  const dir = mkdtempSync(join(tmpdir(), 'trusticket-crash-'))
  return {
    env: { DATA_DIR: dir },
    open: () => openPglite(join(dir, 'pg')),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  }
}

const kinds = process.env.TEST_DATABASE_URL ? ['postgres', 'pglite'] : ['pglite']

describe.each(kinds)('the queue across a crash (%s)', (kind) => {
  it('keeps every acknowledged join and processes each exactly once after kill -9 and a restart', async () => {
    const fresh = await freshStorage(kind)
    try {
      const setup = await fresh.open()
      const { eventId, grades } = await insertEvent(setup.db, {
        grades: [{ name: 'R석', price: 121_000, capacity: SEATS }],
      })
      const fans = await insertFans(setup.db, FANS)
      await setup.close()
      const env = { ...fresh.env, JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off', SEED_DEMO: 'off' }

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

      const check = await fresh.open()
      const query = async (q: ReturnType<typeof sql>) =>
        ((await check.db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows
      try {
        const entries = await query(sql`select number, user_id, status from queue_entries
          where event_id = ${eventId} order by number`)
        expect(entries.map((e) => e.number)).toEqual(Array.from({ length: entries.length }, (_, k) => k + 1))
        expect(entries).toHaveLength(FANS)
        const byUser = new Map(entries.map((e) => [e.user_id as string, e]))
        for (const [fanId, number] of acknowledged) expect(byUser.get(fanId)?.number).toBe(number)
        expect(entries.filter((e) => e.status === 'waiting')).toEqual([])
        const winners = entries.filter((e) => e.status === 'succeeded').map((e) => Number(e.number))
        const losers = entries.filter((e) => e.status === 'failed').map((e) => Number(e.number))
        expect(winners).toHaveLength(SEATS)
        expect(Math.max(...winners)).toBeLessThan(Math.min(...losers))
        const [totals] = await query(sql`select
            (select count(*)::int from bookings where event_id = ${eventId}) as bookings,
            (select count(distinct queue_number)::int from bookings where event_id = ${eventId}) as numbers,
            (select count(*)::int from tickets where event_id = ${eventId}) as tickets,
            (select remaining from seat_grades where event_id = ${eventId}) as remaining`)
        expect(totals).toEqual({ bookings: SEATS, numbers: SEATS, tickets: SEATS, remaining: 0 })
      } finally {
        await check.close()
      }
    } finally {
      await fresh.drop()
    }
  }, 240_000)
})
