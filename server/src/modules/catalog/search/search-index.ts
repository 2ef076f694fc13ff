// The search capability the catalog uses: an in-memory index over events that understands Korean.
export interface SearchDocument {
  id: string
  title: string
  performers: string[]
  venueName: string
  venueCity: string
  category: string
  description: string
}

export interface SearchHit {
  id: string
  score: number
}

export interface SearchOptions {
  /** 20 by default, at most 1000. */
  limit?: number
  /** Only events of this category (exact value, e.g. `musical`). */
  category?: string
  /** Only events in this city (exact `venueCity`). */
  city?: string
  /** Any further filter (dates, status), asked only of documents that match the query. */
  accept?: (id: string) => boolean
}

export interface SearchIndex {
  /** Adds the document, or replaces the one with the same id. */
  upsert(doc: SearchDocument): void
  remove(id: string): void
  /** Best match first; `limit` hits at most. An empty or blank query yields nothing. Never throws. */
  search(query: string, options?: SearchOptions): SearchHit[]
  /** As-you-type suggestions: the same ranking, with titles. */
  suggest?(query: string, options?: SearchOptions): (SearchHit & { title: string })[]
  readonly size: number
}
