// The in-memory Korean search index: an inverted index with sorted postings per (term, field, kind), scored by
// field weight × match quality × a mild idf, summed over query words; documents matching more words rank first.
import { analyzeDocument, compactKey, FIELD, FIELD_WEIGHT } from './korean-analysis.ts'
import { analyzeQuery, type Vocabulary } from './korean-query.ts'
import { deletionKeys } from './korean-tokenizer.ts'
import type { SearchDocument, SearchHit, SearchIndex, SearchOptions } from './search-index.ts'
import { type TermEntry, TermTable } from './term-table.ts'
import { TopK } from './top-k.ts'

interface Stored {
  doc: SearchDocument
  titleKey: string
}

interface ScoredList {
  docs: number[]
  score: number
  field: number
}

const INNER_FACTOR = 0.75
/** A query word that is exactly a city or a category word states a facet ("부산 뮤지컬"); it outweighs a prefix. */
const FACET = 1.6
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 1000

class KoreanSearchIndex implements SearchIndex {
  private readonly vocab: Vocabulary = { words: new TermTable(), choseong: new TermTable(), typos: new Map() }
  private readonly byId = new Map<string, number>()
  private readonly docs: (Stored | undefined)[] = []
  private readonly free: number[] = []
  // Scratch per query, stamped with epochs so nothing is cleared between queries.
  private wordMark = new Int32Array(1024)
  private queryMark = new Int32Array(1024)
  private score = new Float64Array(1024)
  private count = new Uint8Array(1024)
  private best = new Float64Array(1024)
  private extra = new Float64Array(1024)
  private fields = new Uint8Array(1024)
  private epoch = 0

  get size(): number {
    return this.byId.size
  }

  upsert(doc: SearchDocument): void {
    const existing = this.byId.get(doc.id)
    if (existing !== undefined) {
      const old = this.docs[existing]!
      if (sameDocument(old.doc, doc)) return
      this.unindex(existing, old.doc)
      this.index(existing, doc)
      return
    }
    const internal = this.free.pop() ?? this.docs.length
    this.byId.set(doc.id, internal)
    this.index(internal, doc)
  }

  remove(id: string): void {
    const internal = this.byId.get(id)
    if (internal === undefined) return
    this.unindex(internal, this.docs[internal]!.doc)
    this.docs[internal] = undefined
    this.byId.delete(id)
    this.free.push(internal)
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = clampLimit(options.limit)
    if (typeof query !== 'string' || this.byId.size === 0) return []
    const words = analyzeQuery(this.vocab, query)
    if (words.length === 0) return []
    const accept = this.acceptor(options)
    const touched = this.collect(words, limit, accept)
    const top = new TopK(Math.max(limit, 32))
    const qKey = compactKey(query.slice(0, 256))
    const bucket = 1000
    for (const d of touched) {
      const base = this.count[d]! * bucket + this.score[d]!
      if (!top.wouldAccept(base + 3, d)) continue
      top.push(base + titleBonus(this.docs[d]!.titleKey, qKey), d)
    }
    return top
      .sorted()
      .slice(0, limit)
      .map(([s, d]) => ({ id: this.docs[d]!.doc.id, score: Math.round((s % bucket) * 1000) / 1000 }))
  }

  /** Best-first titles for as-you-type suggestions. */
  suggest(query: string, options: SearchOptions = {}): { id: string; title: string; score: number }[] {
    return this.search(query, options).map((h) => ({ ...h, title: this.docs[this.byId.get(h.id)!]!.doc.title }))
  }

  private acceptor(options: SearchOptions): ((d: number) => boolean) | null {
    const { category, city, accept } = options
    if (!category && !city && !accept) return null
    return (d) => {
      const doc = this.docs[d]!.doc
      if (category && doc.category !== category) return false
      if (city && doc.venueCity !== city) return false
      return accept ? accept(doc.id) : true
    }
  }

  /**
   * Scores every document reached by any word: per word, the best (term, field) list a document appears in counts
   * fully and each further field a quarter (capped at half), so title + city beats title alone. Single-word queries
   * stop once `limit` documents are held and the remaining lists score lower.
   */
  private collect(words: Map<TermEntry, number>[], limit: number, accept: ((d: number) => boolean) | null): number[] {
    const q = ++this.epoch
    const touched: number[] = []
    const n = this.byId.size + 1
    const wordDocs: number[] = []
    for (const word of words) {
      const w = ++this.epoch
      wordDocs.length = 0
      const lists = this.listsOf(word, n)
      for (let li = 0; li < lists.length; li++) {
        const { docs, score, field } = lists[li]!
        const bit = 1 << field
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!
          if (this.wordMark[d] === w) {
            if ((this.fields[d]! & bit) === 0) {
              this.fields[d]! |= bit
              this.extra[d]! += score * 0.25
            }
            continue
          }
          this.wordMark[d] = w
          if (this.queryMark[d] !== q) {
            this.queryMark[d] = q
            this.score[d] = 0
            this.count[d] = 0
            if (accept && !accept(d)) {
              this.count[d] = 255 // rejected: never listed
              continue
            }
            touched.push(d)
          }
          if (this.count[d] === 255) continue
          this.best[d] = score
          this.extra[d] = 0
          this.fields[d] = bit
          wordDocs.push(d)
        }
        const next = lists[li + 1]
        if (words.length === 1 && next && next.score < score && touched.length >= limit) break
      }
      for (const d of wordDocs) {
        const best = this.best[d]!
        this.score[d]! += best + Math.min(this.extra[d]!, best / 2)
        this.count[d]!++
      }
    }
    return touched
  }

  private listsOf(word: Map<TermEntry, number>, n: number): ScoredList[] {
    const lists: ScoredList[] = []
    // One idf per query word (from its most common meaning), so a rare prefix expansion is not favoured.
    let df = 0
    for (const entry of word.keys()) df = Math.max(df, entry.df)
    const idf = 1 + 0.15 * Math.log((n + 1) / (df + 1))
    for (const [entry, quality] of word) {
      for (let slot = 0; slot < entry.slots.length; slot++) {
        const docs = entry.slots[slot]
        if (!docs) continue
        const field = slot >> 1
        const kind =
          slot & 1 ? INNER_FACTOR : field >= FIELD.city && field <= FIELD.category && quality === 1 ? FACET : 1
        lists.push({ docs, score: quality * FIELD_WEIGHT[field]! * kind * idf, field })
      }
    }
    return lists.sort((a, b) => b.score - a.score)
  }

  private index(internal: number, doc: SearchDocument): void {
    this.ensureCapacity(internal + 1)
    this.docs[internal] = { doc: copyDocument(doc), titleKey: compactKey(doc.title) }
    const terms = analyzeDocument(doc)
    for (const [table, map] of [
      [this.vocab.words, terms.words],
      [this.vocab.choseong, terms.choseong],
    ] as const) {
      for (const [key, slots] of map) {
        let first = true
        for (const slot of slots) {
          table.add(key, slot, internal, first)
          first = false
        }
      }
    }
    for (const word of terms.typoWords) {
      for (const key of deletionKeys(word)) {
        const list = this.vocab.typos.get(key)
        if (!list) this.vocab.typos.set(key, [word])
        else if (!list.includes(word)) list.push(word)
      }
    }
  }

  private unindex(internal: number, doc: SearchDocument): void {
    const terms = analyzeDocument(doc)
    for (const [table, map] of [
      [this.vocab.words, terms.words],
      [this.vocab.choseong, terms.choseong],
    ] as const) {
      for (const [key, slots] of map) {
        let left = slots.size
        for (const slot of slots) table.remove(key, slot, internal, --left === 0)
      }
    }
    // Typo keys stay: a key whose word left the vocabulary resolves to nothing.
  }

  private ensureCapacity(size: number): void {
    if (size <= this.wordMark.length) return
    const cap = Math.max(size, this.wordMark.length * 2)
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap)
      b.set(a)
      return b
    }
    this.wordMark = grow(this.wordMark, (c) => new Int32Array(c))
    this.queryMark = grow(this.queryMark, (c) => new Int32Array(c))
    this.score = grow(this.score, (c) => new Float64Array(c))
    this.count = grow(this.count, (c) => new Uint8Array(c))
    this.best = grow(this.best, (c) => new Float64Array(c))
    this.extra = grow(this.extra, (c) => new Float64Array(c))
    this.fields = grow(this.fields, (c) => new Uint8Array(c))
  }
}

function titleBonus(titleKey: string, qKey: string): number {
  if (!qKey) return 0
  if (titleKey === qKey) return 3
  if (titleKey.startsWith(qKey)) return 2
  return titleKey.includes(qKey) ? 1 : 0
}

function clampLimit(limit: number | undefined): number {
  if (typeof limit !== 'number' || !Number.isFinite(limit)) return DEFAULT_LIMIT
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)))
}

function copyDocument(d: SearchDocument): SearchDocument {
  const { id, title, performers, venueName, venueCity, category, description } = d
  return { id, title, performers: [...performers], venueName, venueCity, category, description }
}

function sameDocument(a: SearchDocument, b: SearchDocument): boolean {
  return (
    a.title === b.title &&
    a.venueName === b.venueName &&
    a.venueCity === b.venueCity &&
    a.category === b.category &&
    a.description === b.description &&
    a.performers.length === b.performers.length &&
    a.performers.every((p, i) => p === b.performers[i])
  )
}

export function createKoreanSearchIndex(): SearchIndex {
  return new KoreanSearchIndex()
}
