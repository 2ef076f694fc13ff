// Paid revenue for the dashboard, from the organizer's payments view (GET /api/events/:id/payments). The API has
// no totals endpoint, so this sums up to MAX_PAGES pages and says when it stopped short.
import { api } from '../../api/client.ts'
import type { Page } from '../../api/types.ts'
import { useQuery } from '../../app/query.ts'

const EVERY_MS = 15_000
const MAX_PAGES = 10

export interface PaidTotals {
  paidCount: number
  paidAmount: number
  /** True when there were more payments than were summed. */
  partial: boolean
}

async function totals(eventId: string, signal: AbortSignal): Promise<PaidTotals> {
  let cursor: string | null = null
  let paidCount = 0
  let paidAmount = 0
  for (let page = 0; page < MAX_PAGES; page++) {
    const query: string = `limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const result: Page<{ amount: number; status: string }> = await api(`/api/events/${eventId}/payments?${query}`, {
      signal,
    })
    for (const p of result.items)
      if (p.status === 'paid') {
        paidCount += 1
        paidAmount += p.amount
      }
    cursor = result.nextCursor
    if (!cursor) return { paidCount, paidAmount, partial: false }
  }
  return { paidCount, paidAmount, partial: true }
}

/** Refreshed every 15 s (slower while hidden); null until known or when the view is unavailable. */
export function usePaidTotals(eventId: string): PaidTotals | null {
  const [paid] = useQuery(`/api/events/${eventId}/payments totals`, (signal) => totals(eventId, signal), {
    refreshMs: EVERY_MS,
  })
  return paid.state === 'ready' ? paid.data : null
}
