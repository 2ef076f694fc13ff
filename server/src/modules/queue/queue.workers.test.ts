// Several processes on one PostgreSQL: joins through either, both workers running; each entry still gets exactly
// one result and no grade is oversold. Also: the join rate limit per account.
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../../test/fans-factory.ts'
import { createTestDatabase, startTestApp, storages } from '../../../test/harness.ts'
import { openPostgres } from '../../adapters/db/postgres.ts'

const env = { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' }

describe.skipIf(!process.env.TEST_DATABASE_URL)('two processes on one PostgreSQL', () => {
  it('process every entry of several events exactly once, in order, without oversell', async () => {
    const fresh = await createTestDatabase()
    const a = await startTestApp('postgres', env, { database: await openPostgres(fresh.url, { poolSize: 5 }) })
    const b = await startTestApp('postgres', env, { database: await openPostgres(fresh.url, { poolSize: 5 }) })
    try {
      const events = await Promise.all(
        [0, 1, 2].map(() => insertEvent(a.database.db, { grades: [{ name: 'A석', price: 88_000, capacity: 150 }] })),
      )
      const fans = await insertFans(a.database.db, 600)
      await a.start()
      await b.start()
      await Promise.all(
        fans.flatMap((fan, i) =>
          events.map(({ eventId, grades }, k) =>
            ((i + k) % 2 ? a : b).http.inject({
              method: 'POST',
              url: `/api/events/${eventId}/queue`,
              headers: { authorization: `Bearer ${fan.token}` },
              payload: { gradeId: grades[0]!.id, quantity: 1 },
            }),
          ),
        ),
      )
      for (const { eventId } of events) {
        for (;;) {
          const s = (await a.http.inject({ url: `/api/events/${eventId}/queue/stats` })).json()
          if (s.lastNumber === 600 && s.servedUpTo === 600) break
          await sleep(50)
        }
        const { rows } = (await a.database.db.execute(sql`select
            count(*) filter (where status = 'succeeded')::int as won,
            count(*) filter (where status = 'failed')::int as lost,
            max(number) filter (where status = 'succeeded')::int as last_winner,
            (select count(*)::int from bookings where event_id = ${eventId}) as bookings,
            (select remaining from seat_grades where event_id = ${eventId}) as remaining
          from queue_entries where event_id = ${eventId}`)) as unknown as { rows: Record<string, number>[] }
        expect(rows[0]).toEqual({ won: 150, lost: 450, last_winner: 150, bookings: 150, remaining: 0 })
      }
    } finally {
      await a.close()
      await b.close()
      await fresh.drop()
    }
  })
})

describe.each(storages)('join rate limit on %s', (storage) => {
  it('answers 429 with Retry-After when one account joins too often', async () => {
    const app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET })
    try {
      const { eventId, grades } = await insertEvent(app.database.db)
      const [fan] = await insertFans(app.database.db, 1)
      const statuses: number[] = []
      let retryAfter: string | undefined
      for (let i = 0; i < 25; i++) {
        const res = await app.http.inject({
          method: 'POST',
          url: `/api/events/${eventId}/queue`,
          headers: { authorization: `Bearer ${fan!.token}` },
          payload: { gradeId: grades[0]!.id, quantity: 1 },
        })
        statuses.push(res.statusCode)
        if (res.statusCode === 429) retryAfter = res.headers['retry-after'] as string
      }
      expect(statuses.slice(0, 20)).toEqual([202, ...Array(19).fill(200)])
      expect(statuses.slice(20)).toEqual(Array(5).fill(429))
      expect(Number(retryAfter)).toBeGreaterThan(0)
    } finally {
      await app.close()
    }
  })
})
