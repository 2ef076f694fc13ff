import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer } from '../../../test/factories.ts'
import { storages, type TestApp } from '../../../test/harness.ts'
import { createEvent, organizer, startCatalogApp } from './catalog.test-fixtures.ts'

const DAY = 86_400_000
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString()
type Summary = { id: string; title: string; category: string; venue: { city: string }; startsAt: string }

describe.each(storages)('listing and searching events on %s', (storage) => {
  let app: TestApp
  let token: string
  const ids: Record<string, string> = {}

  const list = async (query: string) => {
    const r = await app.http.inject({ url: `/api/events?${query}` })
    if (r.statusCode !== 200) throw new Error(`${r.statusCode} ${r.body}`)
    return r.json() as { items: Summary[]; nextCursor: string | null }
  }
  const at = (d: number) => ({ startsAt: inDays(d), saleOpensAt: inDays(1), saleClosesAt: inDays(d - 1), endsAt: null })

  beforeAll(async () => {
    app = await startCatalogApp(storage)
    token = (await organizer(app.http)).token
    const specs: [string, Record<string, unknown>][] = [
      ['lesmis-busan', { title: '뮤지컬 〈레미제라블〉 - 부산', ...at(10) }],
      [
        'lesmis-seoul',
        { title: '뮤지컬 〈레미제라블〉 - 서울', venue: { name: '블루스퀘어', city: '서울' }, ...at(20) },
      ],
      [
        'iu-seoul',
        {
          title: '아이유 콘서트 〈HEREH〉',
          category: 'concert',
          performers: ['아이유 (IU)'],
          venue: { name: 'KSPO DOME', city: '서울' },
          ...at(15),
        },
      ],
      [
        'iu-busan',
        {
          title: '아이유 전국투어 - 부산',
          category: 'concert',
          performers: ['아이유 (IU)'],
          venue: { name: '벡스코', city: '부산' },
          ...at(40),
        },
      ],
      [
        'hamlet',
        {
          title: '연극 〈햄릿〉',
          category: 'play',
          performers: ['유인촌'],
          venue: { name: '명동예술극장', city: '서울' },
          ...at(5),
        },
      ],
      [
        'chicago',
        { title: '뮤지컬 시카고', performers: ['최재림'], venue: { name: '디큐브아트센터', city: '서울' }, ...at(60) },
      ],
      ['wicked-daegu', { title: '뮤지컬 위키드 - 대구', venue: { name: '계명아트센터', city: '대구' }, ...at(30) }],
    ]
    for (const [key, overrides] of specs) ids[key] = (await createEvent(app, token, overrides)).id
  })
  afterAll(() => app.close())

  it('lists by start time and filters by category, city and date', async () => {
    const all = await list('limit=100')
    const starts = all.items.map((e) => e.startsAt)
    expect(starts).toEqual([...starts].sort())
    expect(all.items).toHaveLength(7)

    const musicals = await list('category=musical&limit=100')
    expect(musicals.items.map((e) => e.id).sort()).toEqual(
      [ids['lesmis-busan'], ids['lesmis-seoul'], ids.chicago, ids['wicked-daegu']].sort(),
    )
    const busan = await list(`city=${encodeURIComponent('부산')}`)
    expect(busan.items.map((e) => e.id)).toEqual([ids['lesmis-busan'], ids['iu-busan']])
    const window = await list(`from=${encodeURIComponent(inDays(12))}&to=${encodeURIComponent(inDays(35))}`)
    expect(window.items.map((e) => e.id)).toEqual([ids['iu-seoul'], ids['lesmis-seoul'], ids['wicked-daegu']])
    const seoulConcerts = await list(`category=concert&city=${encodeURIComponent('서울')}`)
    expect(seoulConcerts.items.map((e) => e.id)).toEqual([ids['iu-seoul']])
  })

  it('pages with an opaque cursor, every event exactly once', async () => {
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(page.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.items.map((e) => e.id))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(pages).toBe(4)
    expect(seen).toEqual((await list('limit=100')).items.map((e) => e.id))
  })

  it("lists an organizer's own events with organizer=me, which needs a token", async () => {
    const other = await organizer(app.http)
    const theirs = await createEvent(app, other.token, { title: '연극 〈햄릿〉 - 대학로', category: 'play', ...at(8) })
    const mine = await app.http.inject({ url: '/api/events?organizer=me&limit=100', headers: bearer(token) })
    expect(mine.json().items.map((e: Summary) => e.id)).not.toContain(theirs.id)
    expect(mine.json().items).toHaveLength(7)
    const theirList = await app.http.inject({ url: '/api/events?organizer=me', headers: bearer(other.token) })
    expect(theirList.json().items.map((e: Summary & { organizerId: string }) => [e.id, e.organizerId])).toEqual([
      [theirs.id, other.id],
    ])
    const searched = await app.http.inject({
      url: `/api/events?organizer=me&q=${encodeURIComponent('햄릿')}`,
      headers: bearer(other.token),
    })
    expect(searched.json().items.map((e: Summary) => e.id)).toEqual([theirs.id])
    expect((await app.http.inject({ url: '/api/events?organizer=me' })).statusCode).toBe(401)
  })

  it('refuses a cursor it did not give out', async () => {
    for (const cursor of ['garbage', Buffer.from('{"k":"t","s":"x","i":1}').toString('base64url')]) {
      const r = await app.http.inject({ url: `/api/events?cursor=${cursor}` })
      expect(r.statusCode).toBe(400)
      expect(r.json().errors[0].path).toBe('querystring/cursor')
    }
  })

  it('searches in Korean, best match first, with the same filters', async () => {
    const lesmis = await list(`q=${encodeURIComponent('레미제라블 부산')}`)
    expect(lesmis.items[0]!.id).toBe(ids['lesmis-busan'])
    const iu = await list(`q=${encodeURIComponent('아이유의')}`)
    expect(iu.items.map((e) => e.id).sort()).toEqual([ids['iu-seoul'], ids['iu-busan']].sort())
    const english = await list(`q=IU&city=${encodeURIComponent('부산')}`)
    expect(english.items.map((e) => e.id)).toEqual([ids['iu-busan']])
    const none = await list(`q=${encodeURIComponent('레미제라블')}&category=concert`)
    expect(none.items).toEqual([])
  })

  it('pages search results with a cursor', async () => {
    const first = await list(`q=${encodeURIComponent('뮤지컬')}&limit=2`)
    expect(first.items).toHaveLength(2)
    const second = await list(`q=${encodeURIComponent('뮤지컬')}&limit=2&cursor=${first.nextCursor}`)
    const ids1 = first.items.map((e) => e.id)
    expect(second.items.every((e) => !ids1.includes(e.id))).toBe(true)
  })

  it('answers 400, never 500, to dates that pass the format but do not exist', async () => {
    for (const query of ['from=2016-12-31T23:59:60Z', 'to=2016-12-31T23:59:60Z&q=a', 'from=2026-02-30T00:00:00Z']) {
      const r = await app.http.inject({ url: `/api/events?${query}` })
      expect(r.statusCode, query).toBe(400)
    }
  })

  it('bounds queries at 200 characters and survives any input', async () => {
    const long = await app.http.inject({ url: `/api/events?q=${'가'.repeat(201)}` })
    expect(long.statusCode).toBe(400)
    expect(long.json().errors[0].path).toBe('querystring/q')
    for (const q of ["'; drop table events; --", '%_%', '\\', '🎤🎤', 'ㄹㅁㅈㄹ', ' ', '((((', '가'.repeat(200)]) {
      const r = await app.http.inject({ url: `/api/events?q=${encodeURIComponent(q)}` })
      expect(r.statusCode, q).toBe(200)
    }
  })

  it('serves a repeated search from the cache until the catalog changes', async () => {
    const q = `q=${encodeURIComponent('햄릿')}`
    const first = await app.http.inject({ url: `/api/events?${q}` })
    const again = await app.http.inject({ url: `/api/events?${q}` })
    expect(first.headers['x-search-cache']).toBe('miss')
    expect(again.headers['x-search-cache']).toBe('hit')
    expect(again.json()).toEqual(first.json())

    const newer = await createEvent(app, token, { title: '연극 〈햄릿〉 앵콜', category: 'play', ...at(50) })
    const after = await app.http.inject({ url: `/api/events?${q}` })
    expect(after.headers['x-search-cache']).toBe('miss')
    expect(after.json().items.map((e: Summary) => e.id)).toContain(newer.id)
  })
})
