import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, signup } from '../../../test/factories.ts'
import { storages, type TestApp } from '../../../test/harness.ts'
import { createEvent, organizer, startCatalogApp } from './catalog.test-fixtures.ts'
import { createInMemoryTrending, HALF_LIFE_MS, VIEWER_WINDOW_MS } from './catalog.trending.ts'

describe('trending scores', () => {
  it('halve every half-life, so fresh interest beats older, larger interest', async () => {
    const trending = createInMemoryTrending()
    const t0 = new Date('2026-05-01T12:00:00Z')
    for (let i = 0; i < 8; i++) await trending.record('old', 1, t0, `viewer-${i}`, 'view')
    const later = new Date(t0.getTime() + 3 * HALF_LIFE_MS)
    for (let i = 0; i < 2; i++) await trending.record('new', 1, later, `viewer-${i}`, 'view')
    const top = await trending.top(10, later)
    expect(top.map((t) => t.id)).toEqual(['new', 'old'])
    expect(top[1]!.score).toBeCloseTo(1, 5) // 8 × 2^-3
  })

  it('count each viewer once per event and kind within the hour, and again after it', async () => {
    const trending = createInMemoryTrending()
    const t0 = new Date('2026-05-01T12:00:00Z')
    for (let i = 0; i < 50; i++) await trending.record('e', 1, t0, 'address:10.0.0.1', 'view')
    await trending.record('e', 0.3, t0, 'address:10.0.0.1', 'search')
    expect((await trending.top(1, t0))[0]!.score).toBeCloseTo(1.3, 5)
    const later = new Date(t0.getTime() + VIEWER_WINDOW_MS)
    await trending.record('e', 1, later, 'address:10.0.0.1', 'view')
    expect((await trending.top(1, later))[0]!.score).toBeCloseTo(1.3 / 2 + 1, 5)
  })
})

describe.each(storages)('trending events on %s', (storage) => {
  let app: TestApp
  beforeEach(async () => {
    app = await startCatalogApp(storage)
  })
  afterEach(() => app.close())

  const view = (id: string, ip: string) => app.http.inject({ url: `/api/events/${id}`, remoteAddress: ip })

  it('ranks events by recent views and searches; one viewer reloading counts once', async () => {
    const { token } = await organizer(app.http)
    const a = await createEvent(app, token, { title: '연극 〈햄릿〉', category: 'play' })
    const b = await createEvent(app, token, { title: '아이유 콘서트', category: 'concert' })
    const c = await createEvent(app, token, { title: '뮤지컬 시카고' })
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) await view(b.id, ip)
    for (let i = 0; i < 10; i++) await view(a.id, '10.0.0.9') // one viewer, ten reloads
    await view(a.id, '10.0.0.8')

    const before = (await app.http.inject({ url: '/api/events/trending' })).json()
    expect(before.items.map((e: { id: string }) => e.id)).toEqual([b.id, a.id])

    // Searches lift their best results a little: enough to put the unviewed event on the list.
    await app.http.inject({ url: `/api/events?q=${encodeURIComponent('시카고')}` })
    const after = (await app.http.inject({ url: '/api/events/trending?limit=2' })).json()
    expect(after.items.map((e: { id: string }) => e.id)).toEqual([b.id, a.id])
    const all = (await app.http.inject({ url: '/api/events/trending' })).json()
    expect(all.items.map((e: { id: string }) => e.id)).toEqual([b.id, a.id, c.id])
  })

  it('150 anonymous searches from one address count as one searcher; a logged-in fan counts as one too', async () => {
    const { token } = await organizer(app.http)
    const a = await createEvent(app, token, { title: '연극 〈햄릿〉', category: 'play' })
    const b = await createEvent(app, token, { title: '아이유 콘서트', category: 'concert' })
    for (const ip of ['10.0.0.1', '10.0.0.2']) await view(a.id, ip)
    const search = (headers: Record<string, string>, remoteAddress: string) =>
      app.http.inject({ url: `/api/events?q=${encodeURIComponent('아이유')}`, headers, remoteAddress })
    for (let i = 0; i < 150; i++) await search({}, '10.6.6.6')
    const fan = await signup(app.http)
    // The same account from many addresses is still one person.
    for (let i = 0; i < 20; i++) await search(bearer(fan.accessToken), `10.7.0.${i}`)
    const top = (await app.http.inject({ url: '/api/events/trending' })).json().items
    expect(top.map((e: { id: string }) => e.id)).toEqual([a.id, b.id])
  })
})
