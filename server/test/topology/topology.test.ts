// The scaled-out platform under faults, on loopback with the real PostgreSQL and Redis: 1 gateway, 2 API and
// 2 worker processes. During a surge of joins through the gateway, kill -9 the worker holding the event's lease
// and one API process, and restart Redis. Afterwards: no acknowledged join lost, no seat sold twice, FIFO held,
// every entry has its result, and clients only ever saw retriable errors.
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openPostgres } from '../../src/adapters/db/postgres.ts'
import { insertEvent } from '../events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../fans-factory.ts'
import { createTestDatabase } from '../harness.ts'
import { type ServerProcess, spawnServer } from '../process.ts'
import { joinUntilAcknowledged, newOutcomes, type Watch, watchUntilResult } from './fans.ts'
import { hasRedisServer, startRedisServer } from './redis-server.ts'

const FANS = 3000
const SEATS = 300
const CONNECTIONS = 64
const WATCHERS = 40

// With PostgreSQL and Redis configured this always runs; a missing redis-server binary (needed to restart a private
// Redis) is a failure, not a silent skip.
const enabled = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL)

describe.runIf(enabled)('topology: gateway, 2 API, 2 workers on PostgreSQL and Redis, under faults', () => {
  it('loses no acknowledged join, sells no seat twice and keeps FIFO through kill -9 and a Redis restart', async () => {
    expect(hasRedisServer(), 'redis-server must be on PATH').toBe(true)
    const fresh = await createTestDatabase()
    const redis = await startRedisServer()
    const processes: ServerProcess[] = []
    const sql = new pg.Client({ connectionString: fresh.url })
    try {
      const setup = await openPostgres(fresh.url, { poolSize: 2 })
      const { eventId, grades } = await insertEvent(setup.db, {
        grades: [{ name: 'R석', price: 99_000, capacity: SEATS }],
      })
      const gradeId = grades[0]!.id
      const fans = await insertFans(setup.db, FANS)
      await setup.close()
      await sql.connect()
      const leaseOwner = async () =>
        (await sql.query('select lease_owner from queue_progress where event_id = $1', [eventId])).rows[0]
          ?.lease_owner as string | null | undefined

      const env = {
        DATABASE_URL: fresh.url,
        REDIS_URL: redis.url,
        JWT_SECRET: TEST_JWT_SECRET,
        RATE_LIMITS: 'off',
        SEED_DEMO: 'off',
      }
      const spawn = async (extra: Record<string, string>) => {
        const p = await spawnServer({ ...env, ...extra }, 90_000)
        processes.push(p)
        return p
      }
      const [api1, api2] = await Promise.all([
        spawn({ ROLES: 'api', TRUST_PROXY: '1' }),
        spawn({ ROLES: 'api', TRUST_PROXY: '1' }),
      ])
      const gateway = await spawn({ ROLES: 'gateway', API_UPSTREAMS: `${api1!.url},${api2!.url}` })
      // Worker 1 starts alone and takes the event's lease; a trickle of joins keeps it busy (so it keeps the lease)
      // while worker 2 starts. Then the surge, and the faults: the lease holder first, so that the fans who join
      // after it wait for the takeover — some watch their place meanwhile, through the API kill and the Redis restart.
      const worker1 = await spawn({ ROLES: 'worker' })
      const out = newOutcomes()
      const watches: Promise<Watch>[] = []
      let killed: { owner: string | null | undefined; at: Date } | undefined
      const deadline = Date.now() + 300_000
      let next = 0
      let fullSpeed = false
      let watching = false

      const surge = Array.from({ length: CONNECTIONS }, async (_, connection) => {
        while (!fullSpeed && connection > 0) await sleep(20)
        while (next < fans.length) {
          const index = next++
          const fan = fans[index]!
          await joinUntilAcknowledged(gateway.url, eventId, gradeId, fan, out)
          if (watching && index % 5 === 0 && watches.length < WATCHERS)
            watches.push(watchUntilResult(gateway.url, eventId, fan.token, deadline))
          if (!fullSpeed) await sleep(50)
        }
      })
      let victim: ServerProcess | undefined
      const chaos = (async () => {
        while ((await leaseOwner()) == null) await sleep(20)
        const firstHolder = await leaseOwner() // worker 1's name: worker 2 does not exist yet
        const worker2 = await spawn({ ROLES: 'worker' })
        fullSpeed = true
        while (out.acknowledged.size < FANS / 4) await sleep(10)
        // Kill whichever worker holds the lease now (on a starved machine worker 2 may have taken it over).
        let owner = await leaseOwner()
        for (let i = 0; i < 250 && owner == null; i++) {
          await sleep(20)
          owner = await leaseOwner()
        }
        victim = owner === firstHolder ? worker1 : worker2
        killed = { owner, at: new Date() }
        victim.child.kill('SIGKILL')
        watching = true
        await sleep(1_000)
        api1!.child.kill('SIGKILL')
        await sleep(1_000)
        await redis.stop()
        await sleep(1_000)
        await redis.start()
      })()
      await Promise.all([...surge, chaos])
      expect(await victim!.exited).toBe('SIGKILL')
      expect(await api1!.exited).toBe('SIGKILL')

      // Every entry gets its result: wait for the surviving worker to finish the queue.
      for (;;) {
        const stats = (await (await fetch(`${gateway.url}/api/events/${eventId}/queue/stats`)).json()) as {
          servedUpTo: number
          lastNumber: number
        }
        if (stats.lastNumber > 0 && stats.servedUpTo === stats.lastNumber) break
        if (Date.now() > deadline) throw new Error(`queue not drained: ${JSON.stringify(stats)}`)
        await sleep(100)
      }
      const watched = await Promise.all(watches)

      // Clients: only retriable errors, and no acknowledgement ever changed its mind.
      expect(out.fatal).toEqual([])
      expect([...out.changed]).toEqual([])
      expect(out.acknowledged.size).toBe(FANS)

      // The kill hit the lease holder mid-queue, and the other worker took the lease over: the database says the
      // killed worker held it, that entries were processed both before and after the kill, and who holds it now.
      expect(killed?.owner, 'a worker held the lease when one was killed').toBeTruthy()
      const { rows: around } = await sql.query(
        `select count(*) filter (where processed_at < $2)::int as before,
                count(*) filter (where processed_at > $2)::int as after
         from queue_entries where event_id = $1`,
        [eventId, killed!.at],
      )
      expect(around[0].before).toBeGreaterThan(0)
      expect(around[0].after).toBeGreaterThan(0)
      expect(await leaseOwner()).not.toBe(killed!.owner)

      const { rows: entries } = await sql.query(
        'select number, user_id, status, booking_id, reason from queue_entries where event_id = $1 order by number',
        [eventId],
      )
      // No acknowledged join lost: each fan has exactly the entry, with the number, they were told.
      expect(entries).toHaveLength(FANS)
      expect(entries.map((e) => e.number)).toEqual(Array.from({ length: FANS }, (_, k) => k + 1))
      const byUser = new Map(entries.map((e) => [e.user_id as string, e]))
      for (const [fanId, number] of out.acknowledged) expect(byUser.get(fanId)?.number).toBe(number)
      // Every entry has its result; FIFO: every winner's number is below every sold-out number.
      expect(entries.filter((e) => e.status !== 'succeeded' && e.status !== 'failed')).toEqual([])
      const winners = entries.filter((e) => e.status === 'succeeded')
      const losers = entries.filter((e) => e.status === 'failed')
      expect(winners).toHaveLength(SEATS)
      expect(winners.every((e) => e.booking_id)).toBe(true)
      expect(losers.every((e) => e.reason === 'sold_out')).toBe(true)
      expect(Math.max(...winners.map((e) => e.number))).toBeLessThan(Math.min(...losers.map((e) => e.number)))
      // No seat sold twice.
      const { rows: totals } = await sql.query(
        `select (select count(*)::int from bookings where event_id = $1) as bookings,
                (select count(distinct queue_number)::int from bookings where event_id = $1) as numbers,
                (select count(*)::int from tickets where event_id = $1) as tickets,
                (select remaining from seat_grades where event_id = $1) as remaining`,
        [eventId],
      )
      expect(totals[0]).toEqual({ bookings: SEATS, numbers: SEATS, tickets: SEATS, remaining: 0 })

      // Watchers through every fault: positions never went up, and each got exactly its result.
      expect(watched).toHaveLength(WATCHERS)
      // Streams through the killed API process dropped and were picked up again through the gateway.
      expect(watched.some((w) => w.reconnects > 0)).toBe(true)
      for (const w of watched) {
        expect(w.result).toBeDefined()
        expect(w.positions).toEqual([...w.positions].sort((a, b) => b - a))
        expect(entries[w.result!.number - 1]?.status).toBe(w.result!.status)
      }
      const { rows: gap } = await sql.query(
        `select coalesce(max(extract(epoch from processed_at - previous)), 0)::float as seconds from (
           select processed_at, lag(processed_at) over (order by number) as previous
           from queue_entries where event_id = $1) t`,
        [eventId],
      )
      process.stdout.write(
        `topology: ${FANS} joins acknowledged; retriable answers ${JSON.stringify(Object.fromEntries(out.retriable))}; ` +
          `stream reconnects ${watched.reduce((n, w) => n + w.reconnects, 0)}; ` +
          `longest pause in processing ${(gap[0].seconds as number).toFixed(1)} s (the lease takeover)\n`,
      )
    } finally {
      for (const p of processes) p.child.kill('SIGKILL')
      await Promise.all(processes.map((p) => p.exited))
      await sql.end().catch(() => {})
      await redis.stop()
      await fresh.drop()
    }
  }, 480_000)
})
