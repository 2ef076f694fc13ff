import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bearer, signup } from '../../../test/factories.ts'
import { storages, type TestApp } from '../../../test/harness.ts'
import { manualClock } from '../../kernel/clock.ts'
import { takeSeats } from './catalog.inventory.ts'
import { adminToken, createEvent, eventBody, organizer, startCatalogApp } from './catalog.test-fixtures.ts'

const DAY = 86_400_000

describe.each(storages)('publishing events on %s', (storage) => {
  let app: TestApp
  const clock = manualClock(new Date('2026-03-01T00:00:00Z'))
  // One app for the suite (each test makes its own accounts and events); the clock starts each test at 1 March.
  beforeAll(async () => {
    app = await startCatalogApp(storage, {}, { clock })
  })
  beforeEach(() => clock.set(new Date('2026-03-01T00:00:00Z')))
  afterAll(() => app.close())

  const post = (token: string, payload: unknown) =>
    app.http.inject({ method: 'POST', url: '/api/events', payload: payload as object, headers: bearer(token) })
  const patch = (token: string, id: string, payload: unknown) =>
    app.http.inject({ method: 'PATCH', url: `/api/events/${id}`, payload: payload as object, headers: bearer(token) })

  it('lets an organizer publish an event that anyone can read, upcoming until its sale opens', async () => {
    const org = await organizer(app.http)
    const created = await post(org.token, eventBody({}, clock.now()))
    expect(created.statusCode).toBe(201)
    const event = created.json()
    expect(event).toMatchObject({
      title: '뮤지컬 〈레미제라블〉 - 부산',
      organizerId: org.id,
      status: 'upcoming',
      minPrice: 140_000,
      perUserLimit: 4,
      paymentDeadline: { policy: 'minutes', minutes: 30 },
      venue: { name: '드림씨어터', city: '부산', address: '부산 남구 전포대로 133' },
      posterUrl: null,
    })
    expect(event.grades.map((g: { name: string; remaining: number }) => [g.name, g.remaining])).toEqual([
      ['VIP석', 100],
      ['R석', 300],
    ])
    const read = await app.http.inject({ url: `/api/events/${event.id}` })
    expect(read.statusCode).toBe(200)
    expect(read.json()).toEqual(event)

    clock.advance(2 * DAY)
    expect((await app.http.inject({ url: `/api/events/${event.id}` })).json().status).toBe('on_sale')
    clock.advance(28 * DAY)
    expect((await app.http.inject({ url: `/api/events/${event.id}` })).json().status).toBe('closed')
  })

  it('defaults the per-account limit to 4 and the payment deadline to the end of the booking day', async () => {
    const org = await organizer(app.http)
    const { perUserLimit: _l, paymentDeadline: _p, ...body } = eventBody({}, clock.now())
    const event = (await post(org.token, body)).json()
    expect(event.perUserLimit).toBe(4)
    expect(event.paymentDeadline).toEqual({ policy: 'end_of_day' })
  })

  it('refuses fans (403) and anonymous callers (401)', async () => {
    const fan = await signup(app.http)
    expect((await post(fan.accessToken, eventBody({}, clock.now()))).statusCode).toBe(403)
    const anonymous = await app.http.inject({ method: 'POST', url: '/api/events', payload: eventBody() })
    expect(anonymous.statusCode).toBe(401)
  })

  const at = (days: number) => new Date(new Date('2026-03-01T00:00:00Z').getTime() + days * DAY).toISOString()
  const invalid: [string, Record<string, unknown>, string][] = [
    ['sale opening after it closes', { saleOpensAt: at(10), saleClosesAt: at(5) }, 'body/saleOpensAt'],
    ['sale closing after the start', { saleClosesAt: at(31) }, 'body/saleClosesAt'],
    ['an end before the start', { endsAt: at(29) }, 'body/endsAt'],
    ['a sale that has already closed', { saleOpensAt: at(-3), saleClosesAt: at(-1) }, 'body/saleClosesAt'],
    ['a date that does not parse', { startsAt: 'next friday' }, 'body/startsAt'],
    ['a date without an offset', { startsAt: '2026-04-01T19:30:00' }, 'body/startsAt'],
    ['a leap second JavaScript cannot hold', { startsAt: '2026-12-31T23:59:60Z' }, 'body/startsAt'],
    ['no grades', { grades: [] }, 'body/grades'],
    [
      '21 grades',
      { grades: Array.from({ length: 21 }, (_, i) => ({ name: `G${i}`, price: 1, capacity: 1 })) },
      'body/grades',
    ],
    [
      'two grades of one name',
      {
        grades: [
          { name: 'R석', price: 1, capacity: 1 },
          { name: ' r석 ', price: 2, capacity: 2 },
        ],
      },
      'body/grades/1/name',
    ],
    ['capacity 0', { grades: [{ name: 'R', price: 1, capacity: 0 }] }, 'body/grades/0/capacity'],
    ['capacity over 100000', { grades: [{ name: 'R', price: 1, capacity: 100_001 }] }, 'body/grades/0/capacity'],
    ['a negative price', { grades: [{ name: 'R', price: -1, capacity: 1 }] }, 'body/grades/0/price'],
    ['a price over 10,000,000 KRW', { grades: [{ name: 'R', price: 10_000_001, capacity: 1 }] }, 'body/grades/0/price'],
    ['a fractional price', { grades: [{ name: 'R', price: 1000.5, capacity: 1 }] }, 'body/grades/0/price'],
    ['a per-user limit of 11', { perUserLimit: 11 }, 'body/perUserLimit'],
    ['a per-user limit of 0', { perUserLimit: 0 }, 'body/perUserLimit'],
    ['a 4-minute payment deadline', { paymentDeadline: { policy: 'minutes', minutes: 4 } }, 'body/paymentDeadline'],
    [
      'a 1441-minute payment deadline',
      { paymentDeadline: { policy: 'minutes', minutes: 1441 } },
      'body/paymentDeadline',
    ],
    ['an unknown policy', { paymentDeadline: { policy: 'never' } }, 'body/paymentDeadline'],
    ['a blank title', { title: '   ' }, 'body/title'],
    ['a 201-character title', { title: '가'.repeat(201) }, 'body/title'],
    ['21 performers', { performers: Array.from({ length: 21 }, (_, i) => `배우${i}`) }, 'body/performers'],
    ['an unknown category', { category: 'opera' }, 'body/category'],
    ['an unknown field', { organizerId: 'someone-else' }, 'body/organizerId'],
    ['a poster that was never uploaded', { posterMediaId: 'a'.repeat(64) }, 'body/posterMediaId'],
  ]
  it.each(invalid)('rejects %s with 400 and the field named', async (_what, overrides, path) => {
    const org = await organizer(app.http)
    const r = await post(org.token, eventBody(overrides, clock.now()))
    expect(r.statusCode).toBe(400)
    expect(r.headers['content-type']).toContain('application/problem+json')
    expect(r.json().code).toBe('validation.failed')
    expect(
      r
        .json()
        .errors.map((e: { path: string }) => e.path)
        .some((p: string) => p.startsWith(path)),
    ).toBe(true)
  })

  it("lets its organizer and admins edit an event; another organizer's is 404, as if missing", async () => {
    const owner = await organizer(app.http)
    const other = await organizer(app.http)
    const event = await createEvent(app, owner.token, {}, clock.now())
    const byOwner = await patch(owner.token, event.id, { title: '뮤지컬 레미제라블 부산 앵콜', performers: ['민우혁'] })
    expect(byOwner.statusCode).toBe(200)
    expect(byOwner.json()).toMatchObject({ title: '뮤지컬 레미제라블 부산 앵콜', performers: ['민우혁'] })

    const byOther = await patch(other.token, event.id, { title: '가로채기' })
    const missing = await patch(other.token, '0000-not-there', { title: '가로채기' })
    expect(byOther.statusCode).toBe(404)
    expect(byOther.json().code).toBe(missing.json().code)

    const byAdmin = await patch(await adminToken(app.http), event.id, { perUserLimit: 2 })
    expect(byAdmin.statusCode).toBe(200)
    expect(byAdmin.json().perUserLimit).toBe(2)
    const fan = await signup(app.http)
    expect((await patch(fan.accessToken, event.id, { title: 'x' })).statusCode).toBe(403)
  })

  it('checks an edit against the whole event: the sale may not end up closing after the start', async () => {
    const org = await organizer(app.http)
    const event = await createEvent(app, org.token, {}, clock.now())
    const r = await patch(org.token, event.id, { startsAt: at(20) })
    expect(r.statusCode).toBe(400)
    expect(r.json().errors[0].path).toBe('body/saleClosesAt')
    expect((await patch(org.token, event.id, {})).statusCode).toBe(400) // an empty edit is a mistake
  })

  it('before the sale opens, grades may be renamed, repriced, added and removed', async () => {
    const org = await organizer(app.http)
    const event = await createEvent(app, org.token, {}, clock.now())
    const [vip] = event.grades
    const r = await patch(org.token, event.id, {
      grades: [
        { id: vip.id, name: 'VIP석', price: 180_000, capacity: 80 },
        { name: 'S석', price: 90_000, capacity: 500 },
      ],
    })
    expect(r.statusCode).toBe(200)
    expect(
      r.json().grades.map((g: { name: string; price: number; remaining: number }) => [g.name, g.price, g.remaining]),
    ).toEqual([
      ['VIP석', 180_000, 80],
      ['S석', 90_000, 500],
    ])
    const foreign = await patch(org.token, event.id, {
      grades: [{ id: 'not-a-grade', name: 'X', price: 1, capacity: 1 }],
    })
    expect(foreign.statusCode).toBe(400)
    expect(foreign.json().errors[0].path).toBe('body/grades/0/id')
    const twice = await patch(org.token, event.id, {
      grades: [
        { id: vip.id, name: 'A', price: 1, capacity: 1 },
        { id: vip.id, name: 'B', price: 1, capacity: 1 },
      ],
    })
    expect(twice.statusCode).toBe(400)
  })

  it('once the sale opens, keeps prices, grades and the opening time, and capacity never drops below seats sold', async () => {
    const org = await organizer(app.http)
    const event = await createEvent(app, org.token, { saleOpensAt: at(-1) }, clock.now())
    const [vip, r] = event.grades
    await app.database.db.transaction((tx) => takeSeats(tx, [{ gradeId: vip.id, quantity: 30 }]))

    const reprice = await patch(org.token, event.id, {
      grades: [
        { id: vip.id, name: 'VIP석', price: 1000, capacity: 100 },
        { id: r.id, name: 'R석', price: 140_000, capacity: 300 },
      ],
    })
    expect(reprice.statusCode).toBe(409)
    expect(reprice.json().code).toBe('catalog.locked_after_sale_opened')
    expect((await patch(org.token, event.id, { saleOpensAt: at(-2) })).statusCode).toBe(409)
    expect((await patch(org.token, event.id, { perUserLimit: 2 })).statusCode).toBe(409)
    const drop = await patch(org.token, event.id, {
      grades: [{ id: vip.id, name: 'VIP석', price: 170_000, capacity: 100 }],
    })
    expect(drop.statusCode).toBe(409)

    // A started event refuses cancellations: its start cannot be moved into the past over the holders' heads.
    const backdated = await patch(org.token, event.id, { saleClosesAt: at(-0.5), startsAt: at(-0.25) })
    expect(backdated.statusCode).toBe(409)
    expect(backdated.json().errors).toEqual([
      { path: 'body/startsAt', message: 'cannot move into the past once tickets are sold' },
    ])

    const below = await patch(org.token, event.id, {
      grades: [
        { id: vip.id, name: 'VIP석', price: 170_000, capacity: 29 },
        { id: r.id, name: 'R석', price: 140_000, capacity: 300 },
      ],
    })
    expect(below.statusCode).toBe(409)
    expect(below.json().code).toBe('catalog.capacity_below_sold')

    const resized = await patch(org.token, event.id, {
      title: '뮤지컬 레미제라블 부산 (추가 좌석 오픈)',
      perUserLimit: 6,
      grades: [
        { id: vip.id, name: 'VIP석', price: 170_000, capacity: 30 },
        { id: r.id, name: 'R석', price: 140_000, capacity: 400 },
        { name: '시야제한석', price: 50_000, capacity: 40 },
      ],
    })
    expect(resized.statusCode).toBe(200)
    expect(
      resized.json().grades.map((g: { capacity: number; remaining: number }) => [g.capacity, g.remaining]),
    ).toEqual([
      [30, 0],
      [400, 400],
      [40, 40],
    ])
  })

  it('shows sold out when every grade has no seats left', async () => {
    const org = await organizer(app.http)
    const event = await createEvent(
      app,
      org.token,
      { saleOpensAt: at(-1), grades: [{ name: '전석', price: 55_000, capacity: 2 }] },
      clock.now(),
    )
    await app.database.db.transaction((tx) => takeSeats(tx, [{ gradeId: event.grades[0].id, quantity: 2 }]))
    expect((await app.http.inject({ url: `/api/events/${event.id}` })).json().status).toBe('sold_out')
  })

  it('answers 404 for an unknown event', async () => {
    const r = await app.http.inject({ url: '/api/events/01234567-no-such-event' })
    expect(r.statusCode).toBe(404)
    expect(r.json().code).toBe('catalog.event_not_found')
  })
})
