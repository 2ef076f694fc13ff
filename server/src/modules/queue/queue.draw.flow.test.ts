// The pre-queue and its opening draw through the HTTP API: registrations without numbers, the freeze at the
// opening, numbers from the published seed, later joins after them, leaving, a recorded drand round, tampering,
// and a draw that resumes in another process after a crash between freeze and numbering.
import { sql } from 'drizzle-orm'
import pino from 'pino'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RECORDED_ROUND, startDrandDouble } from '../../../test/drand-double.ts'
import { insertEvent } from '../../../test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../../test/fans-factory.ts'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { manualClock } from '../../kernel/clock.ts'
import { commitmentOf, drawOrder, seedOf } from './queue.draw.ts'

const auth = (token: string) => ({ authorization: `Bearer ${token}` })
const MINUTE = 60_000

/** One pass of the worker's draw job, as its interval would run it: freezes what is due, numbers what it can. */
async function drawJob(app: TestApp) {
  await app.jobs.find((j) => j.name === 'queue.draw')!.run(new AbortController().signal)
}
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows

describe.each(storages)('the opening draw on %s', (storage) => {
  const apps: TestApp[] = []
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close()
    for (const close of closers.splice(0)) await close()
  })

  /** An event whose pre-queue opened 10 minutes ago and whose sale opens in 10, on a clock the test moves. */
  async function setup(options: { env?: Record<string, string>; start?: Date; fans?: number } = {}) {
    const clock = manualClock(options.start ?? new Date('2026-06-01T10:50:00Z'))
    // Errors the app logs, as the operator would read them.
    const failures: Record<string, unknown>[] = []
    const logger = pino({ level: 'error' }, { write: (line: string) => failures.push(JSON.parse(line).err ?? {}) })
    const app = await startTestApp(
      storage,
      { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off', ...options.env },
      { clock, logger },
    )
    apps.push(app)
    const now = clock.now().getTime()
    const { eventId, grades } = await insertEvent(app.database.db, {
      now: clock.now(),
      preQueueOpensAt: new Date(now - 10 * MINUTE),
      saleOpensAt: new Date(now + 10 * MINUTE),
      grades: [{ name: 'R석', price: 99_000, capacity: 1000 }],
    })
    const fans = await insertFans(app.database.db, options.fans ?? 8)
    const http = app.http
    const join = (token: string) =>
      http.inject({
        method: 'POST',
        url: `/api/events/${eventId}/queue`,
        headers: auth(token),
        payload: { gradeId: grades[0]!.id, quantity: 1 },
      })
    const get = (url: string, token?: string) =>
      http
        .inject({ url, ...(token ? { headers: auth(token) } : {}) })
        .then((r) => ({ status: r.statusCode, body: r.json() }))
    const opening = new Date(now + 10 * MINUTE)
    return { app, clock, eventId, grades, fans, join, get, opening, failures }
  }

  it('registers pre-queue joins without numbers, freezes at the opening and numbers them by the published seed', async () => {
    const { app, clock, eventId, fans, join, get, opening } = await setup()
    const registered = await Promise.all(fans.slice(0, 6).map((f) => join(f.token)))
    expect(registered.map((r) => r.statusCode)).toEqual([202, 202, 202, 202, 202, 202])
    for (const r of registered) {
      expect(r.json()).toMatchObject({ status: 'registered', number: null, position: 0, etaSeconds: null })
      expect(r.json().drawTicket).toMatch(/^[0-9a-f]{32}$/)
    }
    // Asking again is the same registration.
    const again = await join(fans[0]!.token)
    expect(again.statusCode).toBe(200)
    expect(again.json().drawTicket).toBe(registered[0]!.json().drawTicket)

    const open = await get(`/api/events/${eventId}/draw`)
    expect(open.status).toBe(200)
    expect(open.body).toMatchObject({ status: 'open', entries: 6, commitment: null, secret: null, seed: null })
    expect(open.body.secretHash).toMatch(/^[0-9a-f]{64}$/)
    expect((await get(`/api/events/${eventId}/draw/list`)).body.code).toBe('draw.not_frozen')

    // The opening: the first join after it freezes the list and is numbered after every registration.
    clock.set(new Date(opening.getTime() + 1234))
    const late = await join(fans[6]!.token)
    expect(late.statusCode).toBe(202)
    expect(late.json()).toMatchObject({ status: 'waiting', number: 7, drawTicket: null })
    const frozen = await get(`/api/events/${eventId}/draw`)
    expect(frozen.body).toMatchObject({ status: 'frozen', entries: 6, firstNumber: 1, beacon: null })
    // To the millisecond: the freeze's time decides the beacon round, and the verifier compares it with the opening.
    expect(frozen.body.frozenAt).toBe(new Date(opening.getTime() + 1234).toISOString())
    const tickets = registered.map((r) => r.json().drawTicket as string)
    expect(frozen.body.commitment).toBe(commitmentOf(tickets))
    expect((await get(`/api/events/${eventId}/queue/me`, fans[1]!.token)).body).toMatchObject({
      status: 'registered',
      number: null,
    })

    await app.start()
    const drawn = await vi.waitFor(
      async () => {
        const d = await get(`/api/events/${eventId}/draw`)
        expect(d.body.status).toBe('drawn')
        return d.body
      },
      { timeout: 10_000, interval: 20 },
    )
    expect(drawn.secret).toMatch(/^[0-9a-f]{64}$/)
    const seed = seedOf({ eventId, commitment: drawn.commitment, secret: drawn.secret, beaconRandomness: null })
    expect(drawn.seed).toBe(seed)
    const order = drawOrder(tickets, seed)
    const list = await get(`/api/events/${eventId}/draw/list`)
    expect(list.body.entries).toEqual(
      [...tickets].sort().map((ticket) => ({ ticket, number: order.indexOf(ticket) + 1 })),
    )
    for (const [i, fan] of fans.slice(0, 6).entries()) {
      const me = (await get(`/api/events/${eventId}/queue/me`, fan.token)).body
      expect(me.drawTicket).toBe(tickets[i])
      expect(me.number).toBe(order.indexOf(tickets[i]!) + 1)
    }
    // Everyone is then processed in number order: the drawn first, the late join after them.
    await vi.waitFor(async () => expect((await get(`/api/events/${eventId}/queue/stats`)).body.servedUpTo).toBe(7), {
      timeout: 10_000,
      interval: 20,
    })
    const bookings = (await app.database.db.execute(
      sql`select b.user_id, e.number from bookings b join queue_entries e on e.booking_id = b.id
        where b.event_id = ${eventId} order by b.created_at, e.number`,
    )) as unknown as { rows: { number: number }[] }
    expect(bookings.rows.map((r) => Number(r.number)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('a fan who leaves before the freeze is not in the list; one who leaves after keeps a ticket that is drawn as left', async () => {
    const { app, clock, eventId, fans, join, get, opening } = await setup()
    await Promise.all(fans.slice(0, 4).map((f) => join(f.token)))
    const early = await app.http.inject({
      method: 'DELETE',
      url: `/api/events/${eventId}/queue/me`,
      headers: auth(fans[0]!.token),
    })
    expect(early.json()).toMatchObject({ status: 'left', number: null })
    expect((await get(`/api/events/${eventId}/draw`)).body.entries).toBe(3)
    // Leaving in the pre-queue is not the end: the fan may register again, under a new ticket.
    const back = await join(fans[0]!.token)
    expect(back.json().status).toBe('registered')

    // A join after the opening freezes the list (the draw job would number it at once: no beacon to wait for).
    clock.set(new Date(opening.getTime() + 1))
    await join(fans[7]!.token)
    const after = await app.http.inject({
      method: 'DELETE',
      url: `/api/events/${eventId}/queue/me`,
      headers: auth(fans[1]!.token),
    })
    expect(after.json()).toMatchObject({ status: 'left', number: null })
    await drawJob(app)
    const list = (await get(`/api/events/${eventId}/draw/list`)).body
    expect(list.entries).toHaveLength(4)
    const me = (await get(`/api/events/${eventId}/queue/me`, fans[1]!.token)).body
    expect(me).toMatchObject({ status: 'left' })
    expect(list.entries.map((e: { number: number }) => e.number).sort()).toEqual([1, 2, 3, 4])
    // The late join was numbered after the four drawn places.
    expect((await get(`/api/events/${eventId}/queue/me`, fans[7]!.token)).body.number).toBe(5)
  })

  it('seeds the draw with the drand round after the freeze, checked against the chain (a recorded round)', async () => {
    const drand = await startDrandDouble()
    closers.push(drand.close)
    // Frozen during quicknet round 998, so round 1000 goes into the seed.
    const { clock, eventId, fans, join, get, opening, app } = await setup({
      env: { DRAND_URL: drand.url },
      start: new Date('2023-08-23T15:49:19Z'),
    })
    await Promise.all(fans.slice(0, 5).map((f) => join(f.token)))
    clock.set(opening)
    await drawJob(app)
    const frozen = (await get(`/api/events/${eventId}/draw`)).body
    expect(frozen).toMatchObject({ status: 'frozen' })
    expect(frozen.beacon).toMatchObject({ source: 'drand', round: 1000, randomness: null })
    // Round 1000 is not out yet: the draw waits rather than go without it.
    await drawJob(app)
    expect((await get(`/api/events/${eventId}/draw`)).body.status).toBe('frozen')
    expect(drand.asked).toEqual([])
    clock.set(new Date('2023-08-23T15:59:25Z'))
    await drawJob(app)
    const drawn = (await get(`/api/events/${eventId}/draw`)).body
    expect(drawn.beacon).toMatchObject(RECORDED_ROUND)
    expect(drawn.seed).toBe(
      seedOf({
        eventId,
        commitment: drawn.commitment,
        secret: drawn.secret,
        beaconRandomness: RECORDED_ROUND.randomness,
      }),
    )
  })

  it('refuses a beacon round whose signature does not check, and waits instead', async () => {
    const forged = { ...RECORDED_ROUND, randomness: `00${RECORDED_ROUND.randomness.slice(2)}` }
    const drand = await startDrandDouble([forged])
    closers.push(drand.close)
    const { clock, eventId, fans, join, get, opening, app } = await setup({
      env: { DRAND_URL: drand.url },
      start: new Date('2023-08-23T15:49:19Z'),
    })
    await join(fans[0]!.token)
    clock.set(opening)
    await drawJob(app)
    clock.set(new Date('2023-08-23T15:59:25Z'))
    await drawJob(app)
    expect(drand.asked).toEqual([1000])
    expect((await get(`/api/events/${eventId}/draw`)).body.status).toBe('frozen')
  })

  it('will not number a list that no longer matches its commitment', async () => {
    const { clock, eventId, fans, join, get, opening, app, failures } = await setup()
    await Promise.all(fans.slice(0, 3).map((f) => join(f.token)))
    clock.set(opening)
    await join(fans[4]!.token)
    // Someone with database access slips a ticket in after the freeze.
    await app.database.db.execute(sql`insert into queue_registrations
      (event_id, user_id, ticket, grade_id, quantity, registered_at)
      select event_id, ${fans[5]!.id}, 'ffffffffffffffffffffffffffffffff', grade_id, 1, registered_at
      from queue_registrations where event_id = ${eventId} limit 1`)
    await drawJob(app)
    expect(failures).toContainEqual(expect.objectContaining({ code: 'draw.inconsistent' }))
    expect((await get(`/api/events/${eventId}/draw`)).body.status).toBe('frozen')
    const count = rowsOf<{ n: number }>(
      await app.database.db.execute(
        sql`select count(*)::int as n from queue_entries where event_id = ${eventId} and draw_ticket is not null`,
      ),
    )
    expect(Number(count[0]!.n)).toBe(0)
  })

  it('a crash between freeze and numbering: another process numbers the same list to the same result, once', async () => {
    const { clock, eventId, fans, join, get, opening, app } = await setup({ fans: 30 })
    // The first process registers everyone and freezes, then stops before numbering (its jobs never ran).
    await Promise.all(fans.map((f) => join(f.token)))
    clock.set(opening)
    await join(fans[0]!.token) // any join after the opening freezes the list
    const frozen = (await get(`/api/events/${eventId}/draw`)).body
    expect(frozen.status).toBe('frozen')
    const [{ secret }] = rowsOf<{ secret: string }>(
      await app.database.db.execute(sql`select secret from queue_draws where event_id = ${eventId}`),
    ) as [{ secret: string }]
    const tickets = rowsOf<{ ticket: string }>(
      await app.database.db.execute(sql`select ticket from queue_registrations where event_id = ${eventId}`),
    ).map((r) => r.ticket)
    const expected = drawOrder(
      tickets,
      seedOf({ eventId, commitment: frozen.commitment, secret, beaconRandomness: null }),
    )

    // Two fresh processes on the same database take over, at once; one numbers it, the other finds it done.
    const shared = { ...app.database, close: async () => {} }
    const env = { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' }
    const survivors = [
      await startTestApp(storage, env, { clock, database: shared }),
      await startTestApp(storage, env, { clock, database: shared }),
    ]
    apps.unshift(...survivors)
    await Promise.all(survivors.map(drawJob))
    const list = (await get(`/api/events/${eventId}/draw/list`)).body.entries as { ticket: string; number: number }[]
    expect(list).toHaveLength(30)
    for (const e of list) expect(e.number).toBe(expected.indexOf(e.ticket) + 1)
    const entries = rowsOf<{ n: number }>(
      await app.database.db.execute(
        sql`select count(*)::int as n from queue_entries where event_id = ${eventId} and draw_ticket is not null`,
      ),
    )
    expect(Number(entries[0]!.n)).toBe(30)
  })

  it('registrations racing the freeze from a process whose clock is behind: each lands in the list or after it, never lost or twice', async () => {
    const { clock, eventId, grades, fans, get, opening, app } = await setup({ fans: 241 })
    // This process's clock is a second behind the opening, the other's is past it.
    const behind = manualClock(new Date(opening.getTime() - 1000))
    const shared = { ...app.database, close: async () => {} }
    const slow = await startTestApp(
      storage,
      { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' },
      {
        clock: behind,
        database: shared,
      },
    )
    apps.unshift(slow)
    const joinOn = (target: TestApp, token: string) =>
      target.http.inject({
        method: 'POST',
        url: `/api/events/${eventId}/queue`,
        headers: auth(token),
        payload: { gradeId: grades[0]!.id, quantity: 1 },
      })
    await Promise.all(fans.slice(0, 40).map((f) => joinOn(app, f.token)))
    clock.set(new Date(opening.getTime() + 1))
    const answers = await Promise.all(
      fans.slice(40, 240).map((f, i) => joinOn(i % 2 === 0 ? slow : app, f.token).then((r) => ({ fan: f, r }))),
    )
    expect(answers.every((a) => a.r.statusCode === 202)).toBe(true)
    const registered = answers.filter((a) => a.r.json().status === 'registered')
    const numbered = answers.filter((a) => a.r.json().status === 'waiting')
    expect(registered.length + numbered.length).toBe(200)
    // Once frozen, the process whose clock still says "pre-queue" cannot register anyone: its join is numbered.
    const lateOnSlow = await joinOn(slow, fans[240]!.token)
    expect(lateOnSlow.json()).toMatchObject({ status: 'waiting', number: 241, drawTicket: null })
    await drawJob(app)
    const draw = (await get(`/api/events/${eventId}/draw`)).body
    expect(draw.status).toBe('drawn')
    // Every registration that was answered as one is in the frozen list, and only those.
    expect(draw.entries).toBe(40 + registered.length)
    const list = (await get(`/api/events/${eventId}/draw/list`)).body.entries as { ticket: string }[]
    const listed = new Set(list.map((e) => e.ticket))
    for (const a of registered) expect(listed.has(a.r.json().drawTicket)).toBe(true)
    // Joins answered with a number come after the drawn places; all 240 numbers are distinct and dense.
    for (const a of numbered) expect(a.r.json().number).toBeGreaterThan(draw.entries)
    const numbers = rowsOf<{ number: number; user_id: string }>(
      await app.database.db.execute(sql`select number, user_id from queue_entries where event_id = ${eventId}`),
    )
    expect(numbers).toHaveLength(241)
    expect(new Set(numbers.map((n) => n.user_id)).size).toBe(241)
    expect(numbers.map((n) => Number(n.number)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 241 }, (_, i) => i + 1),
    )
  })
})
