// Behaviour of the Korean search index: what it finds, how it follows upserts and removals, and that no input breaks it.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { generateEvents } from './fixtures/event-generator.ts'
import { createKoreanSearchIndex } from './korean-index.ts'
import type { SearchDocument } from './search-index.ts'

const doc = (id: string, over: Partial<SearchDocument>): SearchDocument => ({
  id,
  title: '',
  performers: [],
  venueName: '블루스퀘어 신한카드홀',
  venueCity: '서울',
  category: 'concert',
  description: '',
  ...over,
})

function sample() {
  const index = createKoreanSearchIndex()
  index.upsert(
    doc('iu', { title: '2026 아이유 콘서트 〈HEREH〉', performers: ['아이유 (IU)'], venueName: 'KSPO DOME' }),
  )
  index.upsert(
    doc('les-busan', {
      title: '뮤지컬 〈레미제라블〉',
      category: 'musical',
      venueName: '드림씨어터',
      venueCity: '부산',
    }),
  )
  index.upsert(doc('les-seoul', { title: '뮤지컬 레미제라블', category: 'musical' }))
  index.upsert(doc('phantom', { title: '오페라의 유령', category: 'musical', venueName: '샤롯데씨어터' }))
  index.upsert(doc('jazz', { title: '서울재즈페스티벌', category: 'festival', performers: ['G-DRAGON'] }))
  return index
}
const ids = (index: ReturnType<typeof sample>, q: string) => index.search(q).map((h) => h.id)

describe('Korean search index', () => {
  it.each([
    ['particles attached', '아이유의', 'iu'],
    ['particles on a title', '레미제라블을', 'les-busan'],
    ['an English name the event lists', 'IU', 'iu'],
    ['a prefix while typing', '레미제', 'les-busan'],
    ['a syllable still being typed', '레미젤', 'les-busan'],
    ['initial consonants', 'ㄹㅁㅈㄹ', 'les-busan'],
    ['initial consonants across words', 'ㅇㅍㄹㅇㅇㄹ', 'phantom'],
    ['one wrong syllable', '레미재라블', 'les-busan'],
    ['a word inside a compound', '재즈', 'jazz'],
    ['a hyphenated name written together', 'gdragon', 'jazz'],
    ['Korean typed on an English keyboard', 'dkdldb', 'iu'],
    ['a venue', '드림씨어터', 'les-busan'],
  ])('finds %s (%s)', (_, q, id) => {
    expect(ids(sample(), q)).toContain(id)
  })

  it('ranks the event matching every word first, with or without the space', () => {
    const index = sample()
    expect(ids(index, '레미제라블 부산')[0]).toBe('les-busan')
    expect(ids(index, '레미제라블부산')[0]).toBe('les-busan')
    expect(ids(index, '부산 뮤지컬')[0]).toBe('les-busan')
  })

  it('ranks a title match above a description match', () => {
    const index = createKoreanSearchIndex()
    index.upsert(doc('desc', { title: '가을 음악회', description: '아이유 노래를 오케스트라로' }))
    index.upsert(doc('title', { title: '아이유 콘서트' }))
    expect(ids(index, '아이유')).toEqual(['title', 'desc'])
  })

  it('follows upserts and removals at once', () => {
    const index = sample()
    index.upsert(doc('iu', { title: '성시경 콘서트', performers: ['성시경'] }))
    expect(ids(index, '아이유')).toEqual([])
    expect(ids(index, '성시경')).toEqual(['iu'])
    index.remove('iu')
    index.remove('never-there')
    expect(ids(index, '성시경')).toEqual([])
    expect(index.size).toBe(4)
  })

  it('filters by category, city and a predicate, and respects the limit', () => {
    const index = sample()
    expect(ids(index, '뮤지컬').sort()).toEqual(['les-busan', 'les-seoul', 'phantom'])
    expect(index.search('뮤지컬', { city: '부산' }).map((h) => h.id)).toEqual(['les-busan'])
    expect(index.search('서울', { category: 'festival' }).map((h) => h.id)).toEqual(['jazz'])
    expect(index.search('뮤지컬', { accept: (id) => id !== 'les-busan', limit: 1 })).toHaveLength(1)
  })

  it('indexes a malformed row without throwing and can remove it again', () => {
    const index = sample()
    const bad = { id: 'bad', title: 42, performers: null, venueName: undefined } as unknown as SearchDocument
    index.upsert(bad)
    expect(ids(index, '42')).toEqual(['bad'])
    index.remove('bad')
    expect(ids(index, '42')).toEqual([])
  })

  it('puts every event matching all words on a deep page, past the candidate caps', () => {
    const events = generateEvents(12_000, 3)
    const index = createKoreanSearchIndex()
    for (const e of events) index.upsert(e)
    const full = events.filter((e) => e.venueCity === '서울' && e.category === 'concert').map((e) => e.id)
    const hits = new Set(index.search('서울 콘서트', { limit: 1000 }).map((h) => h.id))
    expect(full.length).toBeGreaterThan(500)
    expect(hits.size).toBe(1000)
    expect(full.filter((id) => !hits.has(id))).toEqual([])
  })

  it('answers blank and unknown queries with nothing', () => {
    const index = sample()
    for (const q of ['', '   ', '!!!', 'zzzzqqq', 'ㅋ'.repeat(300)]) expect(index.search(q)).toEqual([])
  })

  it('never throws and returns well-formed hits for any string, options or document', () => {
    const index = createKoreanSearchIndex()
    for (const e of generateEvents(200, 1)) index.upsert(e)
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 300 }),
    )
    fc.assert(
      fc.property(text, fc.oneof(fc.integer(), fc.double(), fc.constant(undefined)), (q, limit) => {
        const hits = index.search(q, { limit })
        expect(hits.length).toBeLessThanOrEqual(1000)
        for (const h of hits) expect(Number.isFinite(h.score)).toBe(true)
      }),
      { numRuns: 500 },
    )
    fc.assert(
      fc.property(text, text, fc.array(text, { maxLength: 4 }), (title, venue, performers) => {
        const d = doc('fuzz', { title, venueName: venue, venueCity: venue, performers, description: title })
        index.upsert(d)
        expect(index.search(title).length).toBeGreaterThanOrEqual(0)
        index.remove('fuzz')
      }),
      { numRuns: 300 },
    )
    expect(index.size).toBe(200)
  })
})
