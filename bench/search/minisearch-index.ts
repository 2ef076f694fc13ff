// The library candidate: MiniSearch with our Korean analysis (words, particle-free stems, in-word suffixes and
// choseong keys as index terms), prefix and fuzzy search, field boosts like ours. Measured against our index.
import MiniSearch from 'minisearch'
import { CATEGORY_WORDS } from '../../server/src/modules/catalog/search/korean-analysis.ts'
import {
  choseongOf,
  stripParticle,
  suffixesOf,
  tokenize,
} from '../../server/src/modules/catalog/search/korean-tokenizer.ts'
import type { SearchDocument, SearchIndex } from '../../server/src/modules/catalog/search/search-index.ts'

function indexTerms(text: string, field?: string): string[] {
  const out: string[] = []
  for (const t of tokenize(text)) {
    out.push(t.text)
    if (t.script !== 'hangul') continue
    const stem = stripParticle(t.text)
    if (stem) out.push(stem)
    if (field === 'description') continue
    out.push(...suffixesOf(t.text))
    if (t.text.length >= 2) out.push(choseongOf(t.text))
  }
  return out
}

function queryTerms(text: string): string[] {
  return tokenize(text.slice(0, 256)).map((t) => (t.script === 'hangul' ? (stripParticle(t.text) ?? t.text) : t.text))
}

export function createMiniSearchIndex(options: { fuzzy: boolean }): SearchIndex {
  const mini = new MiniSearch<SearchDocument>({
    fields: ['title', 'performers', 'venueName', 'venueCity', 'category', 'description'],
    extractField: (doc, field) => {
      if (field === 'performers') return doc.performers.join(' ')
      if (field === 'category') return CATEGORY_WORDS[doc.category] ?? doc.category
      return (doc as unknown as Record<string, string>)[field] ?? ''
    },
    tokenize: indexTerms,
    processTerm: (t) => t,
    searchOptions: {
      tokenize: queryTerms,
      boost: { title: 10, performers: 8, venueName: 5, venueCity: 5, category: 3, description: 1.5 },
      prefix: true,
      fuzzy: options.fuzzy ? (term) => (term.length >= 3 ? 1 : 0) : false,
      weights: { prefix: 0.8, fuzzy: 0.6 },
    },
  })
  return {
    upsert(doc) {
      if (mini.has(doc.id)) mini.replace(doc)
      else mini.add(doc)
    },
    remove(id) {
      if (mini.has(id)) mini.discard(id)
    },
    search(query, opts = {}) {
      return mini
        .search(query)
        .slice(0, opts.limit ?? 20)
        .map((r) => ({ id: String(r.id), score: r.score }))
    },
    get size() {
      return mini.documentCount
    },
  }
}
