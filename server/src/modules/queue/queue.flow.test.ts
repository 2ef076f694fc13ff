// The queue end to end through the HTTP API: joining, numbering, idempotence, leaving, and a surge with no oversell.
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../../test/fans-factory.ts'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { manualClock } from '../../kernel/clock.ts'
import { createAccessTokens } from '../auth/auth.tokens.ts'

const auth = (token: string) => ({ authorization: `Bearer ${token}` })

describe.each(storages)('the waiting queue on %s', (storage) => {
  let app: TestApp
  afterEach(async () => {
    await app?.close()
  })
  const start = async (env: Record<string, string> = {}) => {
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off', ...env })
    return app
  }
  const join = (eventId: string, token: string, body: object) =>
    app.http.inject({ method: 'POST', url: `/api/events/${eventId}/queue`, headers: auth(token), payload: body })
  const drained = (eventId: string) =>
    vi.waitFor(
      async () => {
        const stats = (await app.http.inject({ url: `/api/events/${eventId}/queue/stats` })).json()
        expect(stats.lastNumber).toBeGreaterThan(0)
        expect(stats.servedUpTo).toBe(stats.lastNumber)
        return stats
      },
      { timeout: 30_000, interval: 20 },
    )

  it('numbers joins 1, 2, 3 in arrival order and answers a repeat with the same entry (200)', async () => {
    await start()
    const { eventId, grades } = await insertEvent(app.database.db)
    const fans = await insertFans(app.database.db, 3)
    const numbers: number[] = []
    for (const fan of fans) {
      const res = await join(eventId, fan.token, { gradeId: grades[0]!.id, quantity: 2 })
      expect(res.statusCode).toBe(202)
      expect(res.json()).toMatchObject({ eventId, status: 'waiting', quantity: 2, result: null })
      numbers.push(res.json().number)
    }
    expect(numbers).toEqual([1, 2, 3])
    const again = await join(eventId, fans[1]!.token, { gradeId: grades[0]!.id, quantity: 1 })
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ number: 2, quantity: 2 })
    const me = await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: auth(fans[2]!.token) })
    expect(me.json()).toMatchObject({ number: 3, position: 3, status: 'waiting' })
  })

  it('counts group-committed joins and results by outcome on /metrics', async () => {
    await start()
    const { eventId, grades } = await insertEvent(app.database.db, {
      grades: [{ name: 'R석', price: 99_000, capacity: 2 }],
    })
    const fans = await insertFans(app.database.db, 5)
    const joined = await Promise.all(fans.map((f) => join(eventId, f.token, { gradeId: grades[0]!.id, quantity: 1 })))
    expect(joined.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202])
    await app.start()
    await drained(eventId)
    const metrics = (await app.http.inject({ url: '/metrics' })).body
    const value = (series: string) => Number(new RegExp(`^${series} (\\S+)$`, 'm').exec(metrics)?.[1])
    expect(value('queue_join_batch_size_sum')).toBe(5)
    expect(value('queue_join_commit_seconds_count')).toBe(value('queue_join_batch_size_count'))
    expect(value('queue_entries_processed_total{outcome="succeeded"}')).toBe(2)
    expect(value('queue_entries_processed_total{outcome="failed"}')).toBe(3)
    expect(value('queue_process_batch_seconds_count')).toBeGreaterThanOrEqual(1)
  })

  it('enforces the sale window, the per-account limit and the grade', async () => {
    await start()
    const now = Date.now()
    const soon = await insertEvent(app.database.db, { saleOpensAt: new Date(now + 60_000) })
    const over = await insertEvent(app.database.db, {
      saleOpensAt: new Date(now - 120_000),
      saleClosesAt: new Date(now - 60_000),
    })
    const open = await insertEvent(app.database.db, { perUserLimit: 2 })
    const [fan] = await insertFans(app.database.db, 1)
    const token = fan!.token
    expect((await join(soon.eventId, token, { gradeId: soon.grades[0]!.id, quantity: 1 })).json().code).toBe(
      'queue.not_open',
    )
    expect((await join(over.eventId, token, { gradeId: over.grades[0]!.id, quantity: 1 })).json().code).toBe(
      'queue.closed',
    )
    const tooMany = await join(open.eventId, token, { gradeId: open.grades[0]!.id, quantity: 3 })
    expect([tooMany.statusCode, tooMany.json().code]).toEqual([400, 'queue.over_limit'])
    const wrongGrade = await join(open.eventId, token, { gradeId: soon.grades[0]!.id, quantity: 1 })
    expect([wrongGrade.statusCode, wrongGrade.json().code]).toEqual([400, 'queue.unknown_grade'])
    expect((await join('no-such-event', token, { gradeId: open.grades[0]!.id, quantity: 1 })).statusCode).toBe(404)
    expect((await join(open.eventId, token, { gradeId: open.grades[0]!.id, quantity: 0 })).statusCode).toBe(400)
    const anonymous = await app.http.inject({ method: 'POST', url: `/api/events/${open.eventId}/queue`, payload: {} })
    expect(anonymous.statusCode).toBe(401)
  })

  it('keeps one entry per account under concurrent duplicate joins', async () => {
    await start()
    const { eventId, grades } = await insertEvent(app.database.db)
    const fans = await insertFans(app.database.db, 5)
    const answers = await Promise.all(
      fans.flatMap((fan) =>
        Array.from({ length: 20 }, () => join(eventId, fan.token, { gradeId: grades[0]!.id, quantity: 1 })),
      ),
    )
    expect(answers.filter((a) => a.statusCode === 202)).toHaveLength(5)
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(95)
    const numbers = new Set(answers.map((a) => a.json().number))
    expect([...numbers].sort()).toEqual([1, 2, 3, 4, 5])
  })

  it('a fan who leaves before processing gets no booking, may rejoin at the back, and cannot leave once processed', async () => {
    await start()
    const { eventId, grades } = await insertEvent(app.database.db)
    const [a, b] = await insertFans(app.database.db, 2)
    const body = { gradeId: grades[0]!.id, quantity: 1 }
    await join(eventId, a!.token, body)
    await join(eventId, b!.token, body)
    const left = await app.http.inject({
      method: 'DELETE',
      url: `/api/events/${eventId}/queue/me`,
      headers: auth(a!.token),
    })
    expect(left.json()).toMatchObject({ status: 'left', number: 1, result: null })
    const back = await join(eventId, a!.token, body)
    expect([back.statusCode, back.json().number]).toEqual([202, 3])
    await app.http.inject({ method: 'DELETE', url: `/api/events/${eventId}/queue/me`, headers: auth(a!.token) })
    await app.start()
    await drained(eventId)
    const mine = await app.http.inject({ url: '/api/bookings', headers: auth(a!.token) })
    expect(mine.json().items).toEqual([])
    const meB = (await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: auth(b!.token) })).json()
    expect(meB).toMatchObject({ status: 'succeeded', position: 0 })
    const again = await join(eventId, b!.token, body)
    expect([again.statusCode, again.json().status, again.json().result]).toEqual([200, 'succeeded', meB.result])
    const tooLate = await app.http.inject({
      method: 'DELETE',
      url: `/api/events/${eventId}/queue/me`,
      headers: auth(b!.token),
    })
    expect([tooLate.statusCode, tooLate.json().code]).toEqual([409, 'queue.already_processed'])
  })

  it('a fan whose entry failed may join again at the back, once however many times they press, and wins a returned seat', async () => {
    await start()
    const { eventId, grades } = await insertEvent(app.database.db, {
      grades: [{ name: 'R석', price: 99_000, capacity: 1 }],
    })
    const [winner, late, other] = await insertFans(app.database.db, 3)
    const body = { gradeId: grades[0]!.id, quantity: 1 }
    await join(eventId, winner!.token, body)
    await join(eventId, late!.token, body)
    await app.start()
    await drained(eventId)
    const failed = (
      await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: auth(late!.token) })
    ).json()
    expect(failed).toMatchObject({ number: 2, status: 'failed', result: { reason: 'sold_out' } })

    // The winner gives the seat back; the fan who failed presses again, eight times at once.
    const [booking] = (await app.http.inject({ url: '/api/bookings', headers: auth(winner!.token) })).json().items
    const cancelled = await app.http.inject({
      method: 'POST',
      url: `/api/bookings/${booking.id}/cancel`,
      headers: auth(winner!.token),
    })
    expect(cancelled.statusCode).toBe(200)
    // A plain retry is idempotent: it answers the failed entry. Asking to rejoin queues again.
    const retry = await join(eventId, late!.token, body)
    expect([retry.statusCode, retry.json().number, retry.json().status]).toEqual([200, 2, 'failed'])
    const presses = await Promise.all(
      Array.from({ length: 8 }, () => join(eventId, late!.token, { ...body, rejoin: true })),
    )
    const numbers = new Set(presses.map((r) => r.json().number))
    expect(numbers).toEqual(new Set([3]))
    expect(presses.filter((r) => r.statusCode === 202)).toHaveLength(1)
    // Someone who joins after them comes after them.
    expect((await join(eventId, other!.token, body)).json().number).toBe(4)
    await vi.waitFor(
      async () => {
        const back = await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: auth(late!.token) })
        expect(back.json()).toMatchObject({ number: 3, status: 'succeeded' })
      },
      { timeout: 30_000, interval: 20 },
    )
    // The failed entry is kept, no longer the account's; the account has one live entry.
    const rows = (await app.database.db.execute(
      sql`select number, status from queue_entries where event_id = ${eventId} and user_id = ${late!.id} order by number`,
    )) as unknown as { rows: { number: number; status: string }[] }
    expect(rows.rows.map((r) => `${r.number}:${r.status}`)).toEqual(['2:retired', '3:succeeded'])
    // A winner asking again still gets their own entry, not a new one.
    const again = await join(eventId, late!.token, body)
    expect([again.statusCode, again.json().number]).toEqual([200, 3])
  })

  it('a hold that lapses unpaid lets its account join again at the back; after two lapses it is barred', async () => {
    const clock = manualClock(new Date())
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' }, { clock })
    const { eventId, grades } = await insertEvent(app.database.db, {
      now: clock.now(),
      paymentDeadline: { policy: 'minutes', minutes: 10 },
      grades: [{ name: 'R석', price: 99_000, capacity: 5 }],
    })
    const [hoarder, fan] = await insertFans(app.database.db, 2)
    const body = { gradeId: grades[0]!.id, quantity: 1 }
    const me = async (token: string) =>
      (await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: auth(token) })).json()
    const won = (token: string, number: number) =>
      vi.waitFor(async () => expect(await me(token)).toMatchObject({ number, status: 'succeeded' }), {
        timeout: 30_000,
        interval: 20,
      })
    const lapse = async () => {
      clock.advance(11 * 60_000)
      await app.jobs.find((j) => j.name === 'booking.expire-unpaid')!.run(new AbortController().signal)
      await app.outbox.drain()
    }
    await app.start()
    expect((await join(eventId, hoarder!.token, body)).json().number).toBe(1)
    await won(hoarder!.token, 1)
    // Before the hold lapses, asking again is the same won entry.
    expect((await join(eventId, hoarder!.token, body)).statusCode).toBe(200)
    await lapse()
    expect(await me(hoarder!.token)).toMatchObject({ number: 1, status: 'succeeded' })

    // Lapsed once: back in the queue, at the back.
    await join(eventId, fan!.token, body)
    const second = await join(eventId, hoarder!.token, body)
    expect([second.statusCode, second.json().number]).toEqual([202, 3])
    await won(hoarder!.token, 3)
    await lapse()

    // Lapsed twice for this event: refused, and nothing is stored. (A fresh token: the clock moved 22 minutes.)
    const token = await createAccessTokens(TEST_JWT_SECRET).sign(
      { userId: hoarder!.id, role: 'user' },
      Math.floor(clock.now().getTime() / 1000),
    )
    const barred = await join(eventId, token, body)
    expect([barred.statusCode, barred.json().code]).toEqual([409, 'queue.barred'])
    const count = (await app.database.db.execute(
      sql`select count(*)::int as n from queue_entries where event_id = ${eventId} and user_id = ${hoarder!.id}`,
    )) as unknown as { rows: { n: number }[] }
    expect(Number(count.rows[0]!.n)).toBe(2)
    // Another event is another matter.
    const other = await insertEvent(app.database.db, { now: clock.now() })
    expect((await join(other.eventId, token, { gradeId: other.grades[0]!.id, quantity: 1 })).statusCode).toBe(202)
  })

  it('a surge of 2,000 fans for 300 seats: no oversell, strict FIFO, one result per entry', async () => {
    await start()
    const { eventId, grades } = await insertEvent(app.database.db, {
      grades: [{ name: 'R석', price: 100_000, capacity: 300 }],
    })
    const fans = await insertFans(app.database.db, 2000)
    await app.start() // the worker runs during the surge
    const answers = await Promise.all(
      fans.map((fan) => join(eventId, fan.token, { gradeId: grades[0]!.id, quantity: 1 })),
    )
    expect(answers.every((a) => a.statusCode === 202)).toBe(true)
    expect(new Set(answers.map((a) => a.json().number)).size).toBe(2000)
    await drained(eventId)
    const { rows } = (await app.database.db.execute(sql`select number, status, reason, booking_id from queue_entries
      where event_id = ${eventId} order by number`)) as unknown as { rows: Record<string, unknown>[] }
    expect(rows.map((r) => Number(r.number))).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1))
    const winners = rows.filter((r) => r.status === 'succeeded').map((r) => Number(r.number))
    const losers = rows.filter((r) => r.status === 'failed')
    expect(winners).toHaveLength(300)
    expect(losers.every((r) => r.reason === 'sold_out')).toBe(true)
    expect(Math.max(...winners)).toBeLessThan(Math.min(...losers.map((r) => Number(r.number))))
    const { rows: counts } = (await app.database.db.execute(sql`select
        (select count(*) from bookings where event_id = ${eventId})::int as bookings,
        (select count(*) from tickets where event_id = ${eventId})::int as tickets,
        (select remaining from seat_grades where event_id = ${eventId}) as remaining`)) as unknown as {
      rows: Record<string, unknown>[]
    }
    expect(counts[0]).toMatchObject({ bookings: 300, tickets: 300, remaining: 0 })
  })
})
