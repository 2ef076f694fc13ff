// "My events": the API has no "events of this organizer" list yet, so this asks for `?organizer=me` (a careful
// extension) and, if the server does not know it, falls back to the events created from this browser.
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
    const page = await api<Page<EventSummary>>('/api/events?organizer=me&limit=100', { signal })
    // Trusted only when the server proves it filtered (a server that ignored the parameter lists everyone's events).
    if (page.items.every((e) => (e as Partial<EventDetail>).organizerId === userId)) return page.items
  } catch (e) {
    if (!isApiError(e) || e.status !== 400) throw e
  }
  const ids: string[] = JSON.parse(localStorage.getItem(KEY) ?? '[]')
  const events = await Promise.all(ids.map((id) => api<EventDetail>(`/api/events/${id}`, { signal }).catch(() => null)))
  return events.filter((e): e is EventDetail => e !== null && e.organizerId === userId)
}
