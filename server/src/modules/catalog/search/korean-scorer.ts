// Candidate selection and scoring over postings lists. Per query word a document's best (term, field) list counts
// fully and each further field a quarter (capped at half), so title + city beats title alone. Multi-word queries
// first try AND, walking only the rarest word's postings and probing the others; only if fewer than `limit`
// documents match every word does the OR pass rank partial matches. Scratch arrays are stamped with epochs, so
// nothing is cleared between queries.

export interface ScoredList {
  /** Internal document ids, ascending. */
  docs: number[]
  score: number
  field: number
}

export interface WordLists {
  /** Best score first. */
  lists: ScoredList[]
  volume: number
}

const REJECTED = 255
/**
 * Broad words (서울, 콘서트, a lone ㅅ) reach tens of thousands of events that tie on score. The AND pass takes at
 * most this many (or 2 × limit) candidates from its rarest word, best lists first, then lower ids; a single-word
 * query stops at 2 × limit (at least 256). Every hit still matches; only the order among near-equal matches of a
 * broad query is approximate.
 */
const CANDIDATE_CAP = 1024
const capFor = (limit: number) => Math.max(CANDIDATE_CAP, limit * 2)

function contains(list: number[], d: number): boolean {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]! < d) lo = mid + 1
    else hi = mid
  }
  return list[lo] === d
}

export class Scorer {
  private wordMark = new Int32Array(1024)
  private queryMark = new Int32Array(1024)
  private total = new Float64Array(1024)
  private count = new Uint8Array(1024)
  private best = new Float64Array(1024)
  private extra = new Float64Array(1024)
  private fields = new Uint8Array(1024)
  private epoch = 0
  /** Whether the last AND pass stopped admitting candidates at its cap. */
  private truncated = false

  /** count of matched words × 1000 + score: the ranking key of a document returned by the last collect. */
  key(d: number): number {
    return this.count[d]! * 1000 + this.total[d]!
  }

  score(d: number): number {
    return this.total[d]!
  }

  /** The documents to rank, each with a key. */
  collect(words: WordLists[], limit: number, accept: ((d: number) => boolean) | null): number[] {
    const rarestFirst = [...words].sort((a, b) => a.volume - b.volume)
    if (words.length === 1) return this.orPass(rarestFirst, limit, accept, [])
    let all = this.andPass(rarestFirst, capFor(limit), accept)
    if (all.length >= limit) return all
    // Too few full matches among the capped candidates: find all of them, then rank partial matches after them.
    if (this.truncated) all = this.andPass(rarestFirst, Number.POSITIVE_INFINITY, accept)
    if (all.length >= limit) return all
    return this.orPass(rarestFirst, limit, accept, all)
  }

  private andPass(words: WordLists[], cap: number, accept: ((d: number) => boolean) | null): number[] {
    const q = ++this.epoch
    this.truncated = false
    let alive: number[] = []
    scan: for (const { docs, score, field } of words[0]!.lists) {
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!
        if (this.queryMark[d] !== q && alive.length >= cap) {
          this.truncated = true
          break scan
        }
        this.touch(d, q, accept, alive)
        if (this.count[d] !== REJECTED) this.hit(d, q, score, field, null)
      }
    }
    this.settle(alive)
    for (let j = 1; j < words.length && alive.length; j++) {
      const { lists, volume } = words[j]!
      const w = ++this.epoch
      const matched: number[] = []
      if (alive.length * lists.length * 16 < volume) {
        for (const d of alive) for (const l of lists) if (contains(l.docs, d)) this.hit(d, w, l.score, l.field, matched)
      } else {
        for (const l of lists) {
          // Every candidate already matched: later lists could only add the small extra-field share.
          if (matched.length === alive.length) break
          const docs = l.docs
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i]!
            if (this.queryMark[d] === q && this.count[d] === j) this.hit(d, w, l.score, l.field, matched)
          }
        }
      }
      this.settle(matched)
      alive = matched
    }
    return alive
  }

  /** `seeds` (every full match) are admitted first, so the admission cap never drops one. */
  private orPass(words: WordLists[], limit: number, accept: ((d: number) => boolean) | null, seeds: number[]) {
    const q = ++this.epoch
    const touched: number[] = []
    for (const d of seeds) this.touch(d, q, null, touched)
    const single = words.length === 1
    // Admission stops at the cap; admitted documents still collect every word.
    const cap = single ? Math.max(limit * 2, 256) : Math.max(capFor(limit) * 2, seeds.length + limit)
    for (const { lists } of words) {
      const w = ++this.epoch
      const matched: number[] = []
      for (let li = 0; li < lists.length; li++) {
        const { docs, score, field } = lists[li]!
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!
          if (this.queryMark[d] !== q && touched.length >= cap) {
            if (single) break
            continue
          }
          this.touch(d, q, accept, touched)
          if (this.count[d] !== REJECTED) this.hit(d, w, score, field, matched)
        }
        // One word: once `limit` documents are held and the rest score lower, the top is settled.
        const next = lists[li + 1]
        if (single && next && next.score < score && touched.length >= limit) break
      }
      this.settle(matched)
    }
    return touched
  }

  private touch(d: number, q: number, accept: ((d: number) => boolean) | null, touched: number[]): void {
    if (this.queryMark[d] === q) return
    this.queryMark[d] = q
    this.total[d] = 0
    this.count[d] = 0
    if (accept && !accept(d)) this.count[d] = REJECTED
    else touched.push(d)
  }

  private hit(d: number, w: number, score: number, field: number, matched: number[] | null): void {
    const bit = 1 << field
    if (this.wordMark[d] !== w) {
      this.wordMark[d] = w
      this.best[d] = score
      this.extra[d] = 0
      this.fields[d] = bit
      matched?.push(d)
    } else if ((this.fields[d]! & bit) === 0) {
      this.fields[d]! |= bit
      this.extra[d]! += score * 0.25
    }
  }

  private settle(matched: number[]): void {
    for (const d of matched) {
      const best = this.best[d]!
      this.total[d]! += best + Math.min(this.extra[d]!, best / 2)
      this.count[d]!++
    }
  }

  ensureCapacity(size: number): void {
    if (size <= this.wordMark.length) return
    const cap = Math.max(size, this.wordMark.length * 2)
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap)
      b.set(a)
      return b
    }
    this.wordMark = grow(this.wordMark, (c) => new Int32Array(c))
    this.queryMark = grow(this.queryMark, (c) => new Int32Array(c))
    this.total = grow(this.total, (c) => new Float64Array(c))
    this.count = grow(this.count, (c) => new Uint8Array(c))
    this.best = grow(this.best, (c) => new Float64Array(c))
    this.extra = grow(this.extra, (c) => new Float64Array(c))
    this.fields = grow(this.fields, (c) => new Uint8Array(c))
  }
}
