// Several API processes on one database: each keeps its own search index and follows the others' writes.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { bearer } from '../../../test/factories.ts'
import { type StorageKind, storages, type TestApp } from '../../../test/harness.ts'
import type { Database } from '../../adapters/db/database.ts'
import { openPglite } from '../../adapters/db/pglite.ts'
import { openPostgres } from '../../adapters/db/postgres.ts'
import { catalogRepository } from './catalog.repository.ts'
import { createEvent, eventBody, organizer, startCatalogApp } from './catalog.test-fixtures.ts'

/** Two connections to one fresh database (a process each would have its own pool), and how to drop it. */
async function sharedDatabase(kind: StorageKind): Promise<{ a: Database; b: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    // One embedded database cannot be opened twice; both apps share it, each with its own index and poller.
    const db = await openPglite()
    return { a: db, b: { ...db, close: async () => {} }, drop: async () => {} }
  }
  const url = process.env.TEST_DATABASE_URL!
  const name = `t_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const target = new URL(url)
  target.pathname = `/${name}`
  const a = await openPostgres(target.toString(), { poolSize: 4 })
  const b = await openPostgres(target.toString(), { poolSize: 4 })
  return {
    a,
    b,
    drop: async () => {
      const c = new pg.Client({ connectionString: url })
      await c.connect()
      await c.query(`drop database if exists ${name} with (force)`)
      await c.end()
    },
  }
}

describe.each(storages)('the search index across processes on %s', (storage) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c()
  })

  const search = async (app: TestApp, q: string) =>
    (await app.http.inject({ url: `/api/events?q=${encodeURIComponent(q)}` }))
      .json()
      .items.map((e: { id: string }) => e.id) as string[]

  it('finds an event created or edited in one process from another within a second or so', async () => {
    const shared = await sharedDatabase(storage)
    cleanups.push(shared.drop)
    const one = await startCatalogApp(storage, {}, { database: shared.a })
    cleanups.push(() => one.close())
    const two = await startCatalogApp(storage, {}, { database: shared.b })
    cleanups.push(() => two.close())

    const { token } = await organizer(one.http)
    expect(await search(two, '헤드윅')).toEqual([])
    const event = await createEvent(one, token, { title: '뮤지컬 〈헤드윅〉', performers: ['조승우'] })
    expect(await search(one, '헤드윅')).toEqual([event.id]) // the writer sees it at once
    await vi.waitFor(async () => expect(await search(two, '헤드윅')).toEqual([event.id]), {
      timeout: 5000,
      interval: 50,
    })

    const renamed = await one.http.inject({
      method: 'PATCH',
      url: `/api/events/${event.id}`,
      payload: { title: '뮤지컬 〈드라큘라〉' },
      headers: bearer(token),
    })
    expect(renamed.statusCode).toBe(200)
    await vi.waitFor(
      async () => {
        expect(await search(two, '드라큘라')).toEqual([event.id])
        expect(await search(two, '헤드윅')).toEqual([]) // performers still say 조승우, the title no longer does
      },
      { timeout: 5000, interval: 50 },
    )
  })

  // Only PostgreSQL runs transactions side by side; the embedded database serialises them.
  it.runIf(storage === 'postgres')('finds an event whose transaction committed after a later one', async () => {
    const shared = await sharedDatabase(storage)
    cleanups.push(shared.drop)
    const one = await startCatalogApp(storage, {}, { database: shared.a })
    cleanups.push(() => one.close())
    const two = await startCatalogApp(storage, {}, { database: shared.b })
    cleanups.push(() => two.close())
    const { id: organizerId, token } = await organizer(one.http)

    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    const slow = shared.a.db.transaction(async (tx) => {
      const body = eventBody({ title: '뮤지컬 〈늦게 온 편지〉' })
      await catalogRepository.insertEvents(
        tx,
        [
          {
            id: 'late-commit-event',
            organizerId,
            title: body.title,
            category: 'musical',
            venueName: body.venue.name,
            venueCity: body.venue.city,
            startsAt: new Date(body.startsAt),
            saleOpensAt: new Date(body.saleOpensAt),
            saleClosesAt: new Date(body.saleClosesAt),
            paymentDeadline: { policy: 'end_of_day' },
          },
        ],
        [],
      )
      await held // written first, committed last
    })
    const quick = await createEvent(one, token, { title: '뮤지컬 〈빠른 답장〉' })
    await vi.waitFor(async () => expect(await search(two, '빠른 답장')).toEqual([quick.id]), { timeout: 5000 })
    release()
    await slow
    await vi.waitFor(async () => expect(await search(two, '늦게 온 편지')).toEqual(['late-commit-event']), {
      timeout: 5000,
      interval: 50,
    })
  })

  it('loads every existing event at start', async () => {
    const shared = await sharedDatabase(storage)
    cleanups.push(shared.drop)
    const one = await startCatalogApp(storage, {}, { database: shared.a })
    cleanups.push(() => one.close())
    const { token } = await organizer(one.http)
    const events = []
    for (const title of ['뮤지컬 〈레베카〉', '뮤지컬 〈엘리자벳〉', '뮤지컬 〈모차르트!〉']) {
      events.push(await createEvent(one, token, { title }))
    }
    const late = await startCatalogApp(storage, {}, { database: shared.b })
    cleanups.push(() => late.close())
    expect(await search(late, '엘리자벳')).toEqual([events[1].id])
    expect((await search(late, '뮤지컬')).sort()).toEqual(events.map((e) => e.id).sort())
  })
})
