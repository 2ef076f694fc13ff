// A small LRU of ranked search hits. Entries carry the index version they were computed at; any catalog change
// bumps the version and so retires every entry. Only ranked ids are cached: prices, seats left and status are
// always read fresh, so a cached search never shows a sold-out event as on sale.
import type { SearchHit } from './search/search-index.ts'

export function createSearchCache(capacity = 500) {
  const entries = new Map<string, SearchHit[]>()
  let version = -1
  let hits = 0
  let misses = 0

  return {
    get(key: string, currentVersion: number): SearchHit[] | undefined {
      if (currentVersion !== version) {
        entries.clear()
        version = currentVersion
      }
      const found = entries.get(key)
      if (!found) {
        misses++
        return undefined
      }
      entries.delete(key) // re-insert: Map order is recency order
      entries.set(key, found)
      hits++
      return found
    },
    set(key: string, value: SearchHit[], currentVersion: number) {
      if (currentVersion !== version) return
      entries.set(key, value)
      if (entries.size > capacity) entries.delete(entries.keys().next().value!)
    },
    stats: () => ({ hits, misses, size: entries.size }),
  }
}

export type SearchCache = ReturnType<typeof createSearchCache>
