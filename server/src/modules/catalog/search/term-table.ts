// A dictionary of terms with sorted postings per (field, kind) slot, and prefix enumeration over a sorted key list.
// New keys go to a small sorted side list that is merged into the main list once it grows, so a stream of upserts
// never re-sorts the whole vocabulary.

export const FIELD_COUNT = 6
/** slot = field * 2 + kind; kind 0 is a whole word (or its particle-free form), kind 1 a suffix inside a word. */
export const SLOT_COUNT = FIELD_COUNT * 2

export interface TermEntry {
  key: string
  /** Internal document ids, ascending, per slot. */
  slots: (number[] | undefined)[]
  /** Documents holding the term in any slot (for idf); counted once per document. */
  df: number
}

const MERGE_AT = 2048

function lowerBound(keys: string[], key: string): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (keys[mid]! < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

function insertSorted(list: number[], id: number): void {
  const n = list.length
  if (n === 0 || list[n - 1]! < id) {
    list.push(id)
    return
  }
  let lo = 0
  let hi = n
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]! < id) lo = mid + 1
    else hi = mid
  }
  if (list[lo] !== id) list.splice(lo, 0, id)
}

function removeSorted(list: number[], id: number): void {
  let lo = 0
  let hi = list.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (list[mid]! < id) lo = mid + 1
    else hi = mid
  }
  if (list[lo] === id) list.splice(lo, 1)
}

export class TermTable {
  private readonly map = new Map<string, TermEntry>()
  private sorted: string[] = []
  private pending: string[] = []

  get termCount(): number {
    return this.map.size
  }

  get(key: string): TermEntry | undefined {
    return this.map.get(key)
  }

  /** Adds doc to the term's slot. `firstForDoc` says whether this is the document's first slot for the term. */
  add(key: string, slot: number, doc: number, firstForDoc: boolean): void {
    let entry = this.map.get(key)
    if (!entry) {
      entry = { key, slots: new Array(SLOT_COUNT), df: 0 }
      this.map.set(key, entry)
      this.pending.splice(lowerBound(this.pending, key), 0, key)
      if (this.pending.length >= MERGE_AT) this.mergePending()
    }
    const list = entry.slots[slot]
    if (list) insertSorted(list, doc)
    else entry.slots[slot] = [doc]
    if (firstForDoc) entry.df++
  }

  remove(key: string, slot: number, doc: number, lastForDoc: boolean): void {
    const entry = this.map.get(key)
    if (!entry) return
    const list = entry.slots[slot]
    if (list) {
      removeSorted(list, doc)
      if (list.length === 0) entry.slots[slot] = undefined
    }
    if (lastForDoc) entry.df--
    // Emptied entries stay in the key lists; they are skipped and vanish at the next merge.
    if (entry.df <= 0 && entry.slots.every((l) => !l)) this.map.delete(key)
  }

  /** Calls visit for each live term starting with prefix (the prefix itself included), stopping when it returns false. */
  forEachWithPrefix(prefix: string, visit: (entry: TermEntry) => boolean): void {
    for (const keys of [this.sorted, this.pending]) {
      for (let i = lowerBound(keys, prefix); i < keys.length; i++) {
        const key = keys[i]!
        if (!key.startsWith(prefix)) break
        const entry = this.map.get(key)
        if (entry && !visit(entry)) return
      }
    }
  }

  hasPrefix(prefix: string): boolean {
    let found = false
    this.forEachWithPrefix(prefix, () => {
      found = true
      return false
    })
    return found
  }

  private mergePending(): void {
    const merged: string[] = []
    const a = this.sorted
    const b = this.pending
    let i = 0
    let j = 0
    while (i < a.length || j < b.length) {
      const next = j >= b.length || (i < a.length && a[i]! < b[j]!) ? a[i++]! : b[j++]!
      if (this.map.has(next) && merged[merged.length - 1] !== next) merged.push(next)
    }
    this.sorted = merged
    this.pending = []
  }
}
