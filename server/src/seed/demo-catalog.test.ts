import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { openTestDatabase, startTestApp, storages } from '../../test/harness.ts'
import { manualClock } from '../kernel/clock.ts'
import { DEMO_EVENT_COUNT } from './demo-catalog.ts'

type Summary = { id: string; posterUrl: string | null; saleOpensAt: string; status: string; title: string }

describe.each(storages)('the demo catalog on %s', (storage) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  it('fills an empty catalog once: events with posters, owned by the demo organizer, one opening in two minutes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trusticket-seed-'))
    cleanups.push(() => rm(dir, { recursive: true, force: true }))
    const database = await openTestDatabase(storage)
    cleanups.push(() => database.close())
    const shared = { ...database, close: async () => {} } // two starts on one database
    const clock = manualClock(new Date('2026-06-01T00:00:00Z'))
    const env = { SEED_DEMO: 'on', DATA_DIR: dir, RATE_LIMITS: 'off' }

    const app = await startTestApp(storage, env, { database: shared, clock })
    const all: Summary[] = []
    let cursor: string | null = null
    do {
      const page: { items: Summary[]; nextCursor: string | null } = (
        await app.http.inject({ url: `/api/events?limit=100${cursor ? `&cursor=${cursor}` : ''}` })
      ).json()
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    expect(all).toHaveLength(DEMO_EVENT_COUNT + 1)

    const opensSoon = all.filter((e) => Date.parse(e.saleOpensAt) === clock.now().getTime() + 120_000)
    expect(opensSoon).toHaveLength(1)
    expect(opensSoon[0]!.status).toBe('upcoming')
    expect(all.filter((e) => e.status === 'on_sale').length).toBeGreaterThan(10)

    const login = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: (({ email, password }) => ({ email, password }))(app.demoLogins.find((d) => d.role === 'organizer')!),
    })
    const organizerId = login.json().user.id
    const detail = (await app.http.inject({ url: `/api/events/${all[0]!.id}` })).json()
    expect(detail.organizerId).toBe(organizerId)

    expect(all.every((e) => e.posterUrl)).toBe(true)
    const poster = await app.http.inject({ url: all[0]!.posterUrl! })
    expect(poster.headers['content-type']).toBe('image/jpeg')
    expect((await sharp(poster.rawPayload).metadata()).width).toBeGreaterThan(300)

    const search = (await app.http.inject({ url: `/api/events?q=${encodeURIComponent('아이유')}` })).json()
    expect(search.items.length).toBeGreaterThan(0)
    await app.close()

    const again = await startTestApp(storage, env, { database: shared, clock })
    cleanups.push(() => again.close())
    const count = (await again.http.inject({ url: '/api/events?limit=100' })).json()
    expect(count.nextCursor).not.toBeNull() // still there, and not doubled:
    let total = 0
    let next: string | null = null
    do {
      const page: { items: Summary[]; nextCursor: string | null } = (
        await again.http.inject({ url: `/api/events?limit=100${next ? `&cursor=${next}` : ''}` })
      ).json()
      total += page.items.length
      next = page.nextCursor
    } while (next)
    expect(total).toBe(DEMO_EVENT_COUNT + 1)
  })
})
