// The in-memory Korean search index: an inverted index with sorted postings per (term, field, kind), scored by
// field weight × match quality × a mild idf, summed over query words; documents matching more words rank first.
import { analyzeDocument, compactKey, FIELD, FIELD_WEIGHT } from './korean-analysis.ts'
import { analyzeQuery, type Vocabulary } from './korean-query.ts'
import { type ScoredList, Scorer, type WordLists } from './korean-scorer.ts'
import { deletionKeys } from './korean-tokenizer.ts'
import type { SearchDocument, SearchHit, SearchIndex, SearchOptions } from './search-index.ts'
import { SLOT_COUNT, type TermEntry, TermTable } from './term-table.ts'

interface Stored {
  doc: SearchDocument
  titleKey: string
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
  private readonly scorer = new Scorer()
  /** Words whose deletion keys are already in vocab.typos. */
  private readonly typoKnown = new Set<string>()

  get size(): number {
    return this.byId.size
  }

  upsert(doc: SearchDocument): void {
    const existing = this.byId.get(doc.id)
    if (existing !== undefined) {
      const old = this.docs[existing]!
      if (sameDocument(old.doc, copyDocument(doc))) return
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
    const n = this.byId.size + 1
    const candidates = this.scorer.collect(
      words.map((w) => this.listsOf(w, n)),
      limit,
      accept,
    )
    // Best keys first, then the title bonus among those (and 128 more): it is worth less than one field match.
    const best = topPacked(candidates, (d) => this.scorer.key(d), limit + 128)
    const qKey = compactKey(query.slice(0, 256))
    const final = topPacked(best, (d) => this.scorer.key(d) + titleBonus(this.docs[d]!.titleKey, qKey), limit)
    return final.map((d) => ({
      id: this.docs[d]!.doc.id,
      score: Math.round((this.scorer.score(d) + titleBonus(this.docs[d]!.titleKey, qKey)) * 1000) / 1000,
    }))
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

  private listsOf(word: Map<TermEntry, number>, n: number): WordLists {
    const lists: ScoredList[] = []
    let volume = 0
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
        volume += docs.length
      }
    }
    return { lists: lists.sort((a, b) => b.score - a.score), volume }
  }

  private index(internal: number, doc: SearchDocument): void {
    this.scorer.ensureCapacity(internal + 1)
    const copy = copyDocument(doc)
    this.docs[internal] = { doc: copy, titleKey: compactKey(copy.title) }
    const terms = analyzeDocument(copy)
    for (const [table, map] of [
      [this.vocab.words, terms.words],
      [this.vocab.choseong, terms.choseong],
    ] as const) {
      for (const [key, slots] of map) {
        let first = true
        for (let slot = 0; slot < SLOT_COUNT; slot++) {
          if ((slots & (1 << slot)) === 0) continue
          table.add(key, slot, internal, first)
          first = false
        }
      }
    }
    for (const word of terms.typoWords) {
      if (this.typoKnown.has(word)) continue
      this.typoKnown.add(word)
      for (const key of deletionKeys(word)) {
        const list = this.vocab.typos.get(key)
        if (list) list.push(word)
        else this.vocab.typos.set(key, [word])
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
        for (let slot = 0; slot < SLOT_COUNT; slot++) {
          if ((slots & (1 << slot)) !== 0) table.remove(key, slot, internal, slots >> (slot + 1) === 0)
        }
      }
    }
    // Typo keys stay: a key whose word left the vocabulary resolves to nothing.
  }
}

/** Up to 3 points, below one field match: the title is the query (3), starts with it (2) or contains it (1). */
function titleBonus(titleKey: string, qKey: string): number {
  if (qKey.length < 2) return 0
  const at = titleKey.indexOf(qKey)
  if (at < 0) return 0
  return at > 0 ? 1 : titleKey.length === qKey.length ? 3 : 2
}

const ID_SPACE = 2 ** 26

/**
 * The k best documents by key, best first, ties to the lower id: key (to 0.001) and id packed into one float64
 * (< 2^50, exact) so a native typed-array sort does the work, with no comparator calls or tuples.
 */
function topPacked(docs: number[], keyOf: (d: number) => number, k: number): number[] {
  const packed = new Float64Array(docs.length)
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!
    packed[i] = Math.round(keyOf(d) * 1000) * ID_SPACE + (ID_SPACE - 1 - d)
  }
  packed.sort()
  const out: number[] = []
  for (let i = packed.length - 1; i >= 0 && out.length < k; i--) out.push(ID_SPACE - 1 - (packed[i]! % ID_SPACE))
  return out
}

function clampLimit(limit: number | undefined): number {
  if (typeof limit !== 'number' || !Number.isFinite(limit)) return DEFAULT_LIMIT
  return Math.min(MAX_LIMIT, Math.max(1, Math.floor(limit)))
}

/** A private copy with every field a string, so a malformed row cannot break indexing or a later removal. */
function copyDocument(d: SearchDocument): SearchDocument {
  const text = (v: unknown) => (typeof v === 'string' ? v : v == null ? '' : String(v))
  return {
    id: d.id,
    title: text(d.title),
    performers: Array.isArray(d.performers) ? d.performers.map(text) : [],
    venueName: text(d.venueName),
    venueCity: text(d.venueCity),
    category: text(d.category),
    description: text(d.description),
  }
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
