// Turns a document into index terms: words, particle-free stems, in-word suffixes, choseong keys, typo keys.

import { choseongOf, normalizeText, stripParticle, suffixesOf, tokenize, typoEligible } from './korean-tokenizer.ts'
import type { SearchDocument } from './search-index.ts'

export const FIELD = { title: 0, performers: 1, venue: 2, city: 3, category: 4, description: 5 } as const
/** Title > performers > venue, city > category > description. */
export const FIELD_WEIGHT = [10, 8, 5, 5, 3, 1.5]

/** Words a category answers to, so "부산 뮤지컬" finds musicals in Busan. */
export const CATEGORY_WORDS: Record<string, string> = {
  concert: '콘서트 concert',
  musical: '뮤지컬 musical',
  play: '연극 play',
  classical: '클래식 classical',
  festival: '페스티벌 festival 축제',
  exhibition: '전시 전시회 exhibition',
  sports: '스포츠 sports 경기',
  other: '기타 other',
}

/** term → bit set of the slots the document holds it in, per table. */
export interface DocTerms {
  words: Map<string, number>
  choseong: Map<string, number>
  /** Words long enough for typo matching (title, performers, venue, city only). */
  typoWords: Set<string>
}

function put(map: Map<string, number>, key: string, slot: number): void {
  map.set(key, (map.get(key) ?? 0) | (1 << slot))
}

function analyzeField(out: DocTerms, text: string, field: number): void {
  const whole = field * 2
  const inner = whole + 1
  const rich = field !== FIELD.description
  const hangulRun: string[] = []
  for (const t of tokenize(text)) {
    put(out.words, t.text, whole)
    if (t.script !== 'hangul') {
      if (rich && typoEligible(t.text, t.script)) out.typoWords.add(t.text)
      continue
    }
    const stem = stripParticle(t.text)
    if (stem) put(out.words, stem, whole)
    if (!rich) continue
    hangulRun.push(t.text)
    for (const s of suffixesOf(t.text)) put(out.words, s, inner)
    if (typoEligible(t.text, 'hangul')) out.typoWords.add(t.text)
    if (stem && typoEligible(stem, 'hangul')) out.typoWords.add(stem)
    if (t.text.length >= 2) put(out.choseong, choseongOf(t.text), whole)
  }
  // The field's Hangul without spaces, from each word on, so ㅇㅍㄹㅇㅇㄹ finds 뮤지컬 〈오페라의 유령〉.
  for (let i = 0; i < hangulRun.length - 1; i++) put(out.choseong, choseongOf(hangulRun.slice(i).join('')), whole)
}

/** Venues, cities, categories and performers repeat across events: their analysis is kept (bounded). */
const shared = new Map<string, DocTerms>()
const SHARED_MAX = 50_000

function mergeInto(map: Map<string, number>, from: Map<string, number>): void {
  for (const [key, bits] of from) map.set(key, (map.get(key) ?? 0) | bits)
}

function analyzeShared(out: DocTerms, text: string, field: number): void {
  const cacheKey = `${field}\u0000${text}`
  let terms = shared.get(cacheKey)
  if (!terms) {
    terms = { words: new Map(), choseong: new Map(), typoWords: new Set() }
    analyzeField(terms, text, field)
    if (shared.size >= SHARED_MAX) shared.clear()
    shared.set(cacheKey, terms)
  }
  mergeInto(out.words, terms.words)
  mergeInto(out.choseong, terms.choseong)
  for (const w of terms.typoWords) out.typoWords.add(w)
}

export function analyzeDocument(doc: SearchDocument): DocTerms {
  const out: DocTerms = { words: new Map(), choseong: new Map(), typoWords: new Set() }
  analyzeField(out, doc.title, FIELD.title)
  for (const p of doc.performers) analyzeShared(out, p, FIELD.performers)
  analyzeShared(out, doc.venueName, FIELD.venue)
  analyzeShared(out, doc.venueCity, FIELD.city)
  analyzeShared(out, CATEGORY_WORDS[doc.category] ?? doc.category, FIELD.category)
  analyzeField(out, doc.description, FIELD.description)
  return out
}

/** Letters and digits of a title, lower-cased, for the exact-title bonus. */
export function compactKey(text: string): string {
  return normalizeText(text).replace(/[^\p{L}\p{N}]+/gu, '')
}
