// A bounded min-heap keeping the k best (score, doc) pairs; ties go to the lower internal id (earlier indexed).

export class TopK {
  private readonly scores: number[] = []
  private readonly docs: number[] = []

  constructor(private readonly k: number) {}

  /** True when (score, doc) would enter the heap; lets callers skip costlier scoring for hopeless documents. */
  wouldAccept(score: number, doc: number): boolean {
    return this.scores.length < this.k || this.better(score, doc, 0)
  }

  push(score: number, doc: number): void {
    const s = this.scores
    const d = this.docs
    if (s.length < this.k) {
      s.push(score)
      d.push(doc)
      this.up(s.length - 1)
    } else if (this.better(score, doc, 0)) {
      s[0] = score
      d[0] = doc
      this.down(0)
    }
  }

  /** Best first. */
  sorted(): [number, number][] {
    const out = this.scores.map((s, i) => [s, this.docs[i]!] as [number, number])
    return out.sort((a, b) => b[0] - a[0] || a[1] - b[1])
  }

  private better(score: number, doc: number, at: number): boolean {
    const s = this.scores[at]!
    return score > s || (score === s && doc < this.docs[at]!)
  }

  private swap(i: number, j: number): void {
    const s = this.scores
    const d = this.docs
    ;[s[i], s[j]] = [s[j]!, s[i]!]
    ;[d[i], d[j]] = [d[j]!, d[i]!]
  }

  private up(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!this.better(this.scores[parent]!, this.docs[parent]!, i)) break
      this.swap(i, parent)
      i = parent
    }
  }

  private down(i: number): void {
    const n = this.scores.length
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let worst = i
      if (l < n && !this.better(this.scores[l]!, this.docs[l]!, worst)) worst = l
      if (r < n && !this.better(this.scores[r]!, this.docs[r]!, worst)) worst = r
      if (worst === i) return
      this.swap(i, worst)
      i = worst
    }
  }
}
