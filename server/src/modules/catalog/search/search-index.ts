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

export interface SearchIndex {
  /** Adds the document, or replaces the one with the same id. */
  upsert(doc: SearchDocument): void
  remove(id: string): void
  /** Best match first; `limit` hits at most. An empty or blank query yields nothing. */
  search(query: string, options?: { limit?: number }): SearchHit[]
  readonly size: number
}
