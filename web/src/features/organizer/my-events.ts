// "My events": `GET /api/events?organizer=me`, every page of it (the catalog filters by the bearer's account).
import { api } from '../../api/client.ts'
import type { EventSummary, Page } from '../../api/types.ts'

/** Up to 500 events; an organizer with more would want search and paging here. */
const MAX_PAGES = 5

export async function loadMyEvents(signal: AbortSignal): Promise<EventSummary[]> {
  const mine: EventSummary[] = []
  let cursor: string | null = null
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: string = `organizer=me&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const result: Page<EventSummary> = await api(`/api/events?${query}`, { signal })
    mine.push(...result.items)
    cursor = result.nextCursor
    if (!cursor) break
  }
  return mine
}
