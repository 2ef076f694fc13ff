// "My events": `GET /api/events?organizer=me` (the catalog's extension for organizers). A server without it answers
// 400 (or ignores it); then the events created from this browser are what can be shown.
import { api, isApiError } from '../../api/client.ts'
import type { EventDetail, EventSummary, Page } from '../../api/types.ts'

const KEY = 'tt.myEvents'

export function rememberMyEvent(id: string) {
  const ids = new Set<string>(JSON.parse(localStorage.getItem(KEY) ?? '[]'))
  ids.add(id)
  localStorage.setItem(KEY, JSON.stringify([...ids]))
}

export async function loadMyEvents(userId: string, signal: AbortSignal): Promise<EventSummary[]> {
  try {
    const mine: EventSummary[] = []
    let cursor: string | null = null
    // Up to 500 events; an organizer with more would want search and paging here.
    for (let page = 0; page < 5; page++) {
      const query: string = `organizer=me&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
      const result: Page<EventSummary> = await api(`/api/events?${query}`, { signal })
      // Trusted only when the server proves it filtered (one that ignored the parameter would list everyone's).
      if (!result.items.every((e) => (e as Partial<EventDetail>).organizerId === userId)) throw new Error('unfiltered')
      mine.push(...result.items)
      cursor = result.nextCursor
      if (!cursor) break
    }
    return mine
  } catch (e) {
    if (isApiError(e) && e.status !== 400) throw e
  }
  const ids: string[] = JSON.parse(localStorage.getItem(KEY) ?? '[]')
  const events = await Promise.all(ids.map((id) => api<EventDetail>(`/api/events/${id}`, { signal }).catch(() => null)))
  return events.filter((e): e is EventDetail => e !== null && e.organizerId === userId)
}
