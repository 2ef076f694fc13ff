// The relevance suite: labelled Korean queries over a realistic catalog, scored with floors that can fail.
import { describe, expect, it } from 'vitest'
import { relevanceCatalog } from './fixtures/relevance-catalog.ts'
import { formatSummary, scoreQuery, summarize } from './fixtures/relevance-metrics.ts'
import { LABELLED_QUERIES } from './fixtures/relevance-queries.ts'
import { createKoreanSearchIndex } from './korean-index.ts'

describe('Korean search relevance', () => {
  const events = relevanceCatalog()
  const index = createKoreanSearchIndex()
  for (const e of events) index.upsert(e)
  const scores = LABELLED_QUERIES.map((lq) => scoreQuery(index, events, lq))
  const summary = summarize(scores)

  it('labels at least 50 queries, each with an answer in the catalog', () => {
    expect(LABELLED_QUERIES.length).toBeGreaterThanOrEqual(50)
    expect(scores.filter((s) => s.relevant === 0).map((s) => s.q)).toEqual([])
  })

  it('meets the floors: nDCG@10 and recall@10 ≥ 0.95 overall, no kind below 0.8', () => {
    process.stdout.write(`\n${formatSummary(summary)}\n`)
    const weak = scores.filter((s) => s.ndcg < 0.8).map((s) => `${s.kind} "${s.q}" nDCG ${s.ndcg.toFixed(2)}`)
    if (weak.length) process.stdout.write(`weak queries:\n${weak.join('\n')}\n`)
    const overall = summary.find((r) => r.kind === 'overall')!
    expect(overall.ndcg).toBeGreaterThanOrEqual(0.95)
    expect(overall.recall).toBeGreaterThanOrEqual(0.95)
    for (const row of summary) {
      expect(row.recall, `${row.kind} recall@10`).toBeGreaterThanOrEqual(0.8)
      expect(row.mrr, `${row.kind} MRR`).toBeGreaterThanOrEqual(0.8)
      expect(row.ndcg, `${row.kind} nDCG@10`).toBeGreaterThanOrEqual(0.8)
    }
  })
})
