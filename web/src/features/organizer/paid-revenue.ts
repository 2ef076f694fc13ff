// Paid revenue for the dashboard, from the organizer's payments view (GET /api/events/:id/payments). The API has
// no totals endpoint, so this sums up to MAX_PAGES pages and says when it stopped short.
import { useEffect, useState } from 'react'
import { api } from '../../api/client.ts'
import type { Page } from '../../api/types.ts'

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

/** Refreshed every 15 s (paused while hidden); null until known or when the view is unavailable. */
export function usePaidTotals(eventId: string): PaidTotals | null {
  const [value, setValue] = useState<PaidTotals | null>(null)
  useEffect(() => {
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout>
    const tick = async () => {
      try {
        setValue(await totals(eventId, controller.signal))
      } catch {
        if (controller.signal.aborted) return
      }
      timer = setTimeout(tick, document.hidden ? EVERY_MS * 4 : EVERY_MS)
    }
    void tick()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [eventId])
  return value
}
