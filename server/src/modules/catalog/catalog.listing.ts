// Finding events: the listing by date with filters, Korean search (best match first, served from a small cache),
// and trending. Lists hold summaries read fresh from the database, so status and prices are never stale.
import type { Db } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import { invalidCursor } from './catalog.errors.ts'
import type { IndexSync } from './catalog.index-sync.ts'
import { type ListFilters, catalogRepository as repo } from './catalog.repository.ts'
import { decodeCursor, encodeCursor } from './catalog.rules.ts'
import type { SearchCache } from './catalog.search-cache.ts'
import type { TrendingCounter } from './catalog.trending.ts'
import { type EventSummary, type PosterUrl, toSummary } from './catalog.views.ts'
import type { SearchIndex } from './search/search-index.ts'

export interface ListQuery extends ListFilters {
  q?: string
  limit: number
  cursor?: string
  /** Who searched (an account, else an address), so that one searcher counts once for trending. */
  viewer?: string
}

export interface ListResult {
  items: EventSummary[]
  nextCursor: string | null
  /** For searches: whether the ranking came from the cache (surfaced as a response header). */
  cache?: 'hit' | 'miss'
}

/** How deep a search result list goes; nobody pages past the thousandth best match. */
const SEARCH_DEPTH = 1000
/** The best few results of a search count a little toward trending, a view counts 1. */
const SEARCH_WEIGHTS = [0.3, 0.2, 0.1]

export interface ListingDeps {
  db: Db
  clock: Clock
  index: SearchIndex
  sync: IndexSync
  cache: SearchCache
  trending: TrendingCounter
  posterUrl: PosterUrl
}

export function createCatalogListing(deps: ListingDeps) {
  const { db, clock, sync, cache } = deps

  /** Summaries for these ids, in this order; ids no longer in the database are skipped. */
  async function summaries(ids: string[]): Promise<EventSummary[]> {
    const [rows, totals] = await Promise.all([repo.eventsByIds(db, ids), repo.gradeTotals(db, ids)])
    const byId = new Map(rows.map((r) => [r.id, r]))
    const now = clock.now()
    return ids.flatMap((id) => {
      const row = byId.get(id)
      return row ? [toSummary(row, totals.get(id), now, deps.posterUrl)] : []
    })
  }

  function ranked(q: string, filters: ListFilters) {
    const { category, city, from: fromDate, to: toDate, organizerId } = filters
    const key = JSON.stringify([
      q.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '),
      [category, city, fromDate, toDate, organizerId],
    ])
    const cached = cache.get(key, sync.version)
    if (cached) return { hits: cached, cache: 'hit' as const }
    const from = filters.from?.getTime() ?? -Infinity
    const to = filters.to?.getTime() ?? Infinity
    const version = sync.version
    const hits = deps.index.search(q, {
      limit: SEARCH_DEPTH,
      ...(filters.category && { category: filters.category }),
      ...(filters.city && { city: filters.city }),
      accept: (id) => {
        const facet = sync.facets.get(id)
        if (!facet || facet.startsAt < from || facet.startsAt >= to) return false
        return !organizerId || facet.organizerId === organizerId
      },
    })
    cache.set(key, hits, version)
    return { hits, cache: 'miss' as const }
  }

  async function search(q: string, query: ListQuery): Promise<ListResult> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : { k: 'q' as const, o: 0 }
    if (cursor?.k !== 'q') throw invalidCursor()
    const { hits, cache: outcome } = ranked(q, query)
    const page = hits.slice(cursor.o, cursor.o + query.limit)
    const end = cursor.o + page.length
    if (cursor.o === 0) {
      const at = clock.now()
      await Promise.all(
        page
          .slice(0, SEARCH_WEIGHTS.length)
          .map((h, i) => deps.trending.record(h.id, SEARCH_WEIGHTS[i]!, at, query.viewer ?? 'anonymous', 'search')),
      )
    }
    return {
      items: await summaries(page.map((h) => h.id)),
      nextCursor: end < hits.length ? encodeCursor({ k: 'q', o: end }) : null,
      cache: outcome,
    }
  }

  return {
    async list(query: ListQuery): Promise<ListResult> {
      const q = query.q?.trim()
      if (q) return search(q, query)
      let after: { startsAt: Date; id: string } | null = null
      if (query.cursor) {
        const c = decodeCursor(query.cursor)
        if (c?.k !== 't') throw invalidCursor()
        after = { startsAt: new Date(c.s), id: c.i }
      }
      const rows = await repo.listPage(db, query, after, query.limit + 1)
      const page = rows.slice(0, query.limit)
      const totals = await repo.gradeTotals(
        db,
        page.map((r) => r.id),
      )
      const now = clock.now()
      const last = page.at(-1)
      return {
        items: page.map((r) => toSummary(r, totals.get(r.id), now, deps.posterUrl)),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor({ k: 't', s: last.startsAt.toISOString(), i: last.id })
            : null,
      }
    },

    /** Most viewed and searched lately, still open or upcoming. */
    async trending(limit: number): Promise<{ items: EventSummary[] }> {
      const top = await deps.trending.top(limit * 3, clock.now())
      const items = (await summaries(top.map((t) => t.id))).filter((s) => s.status !== 'closed')
      return { items: items.slice(0, limit) }
    },

    cacheStats: () => cache.stats(),
  }
}

export type CatalogListing = ReturnType<typeof createCatalogListing>
