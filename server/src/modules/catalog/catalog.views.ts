// What the API shows of an event: the summary in lists, the full event on its page.

import type { EventRow, GradeRow } from './catalog.repository.ts'
import { eventStatus, needsIdentity } from './catalog.rules.ts'
import type { EventSummary, EventView } from './catalog.schemas.ts'

export type { EventSummary, EventView }

export type PosterUrl = (mediaId: string) => string

export function toSummary(
  e: EventRow,
  totals: { minPrice: number; remaining: number } | undefined,
  now: Date,
  posterUrl: PosterUrl,
): EventSummary {
  return {
    id: e.id,
    title: e.title,
    category: e.category,
    performers: e.performers,
    venue: { name: e.venueName, city: e.venueCity },
    startsAt: e.startsAt.toISOString(),
    saleOpensAt: e.saleOpensAt.toISOString(),
    saleClosesAt: e.saleClosesAt.toISOString(),
    posterUrl: e.posterMediaId ? posterUrl(e.posterMediaId) : null,
    minPrice: totals?.minPrice ?? 0,
    status: eventStatus(e, totals?.remaining ?? 0, now),
    organizerId: e.organizerId,
  }
}

export function toEventView(e: EventRow, grades: GradeRow[], now: Date, posterUrl: PosterUrl): EventView {
  const totals = {
    minPrice: grades.length > 0 ? Math.min(...grades.map((g) => g.price)) : 0,
    remaining: grades.reduce((n, g) => n + g.remaining, 0),
  }
  return {
    ...toSummary(e, totals, now, posterUrl),
    venue: { name: e.venueName, city: e.venueCity, address: e.venueAddress },
    description: e.description,
    endsAt: e.endsAt?.toISOString() ?? null,
    perUserLimit: e.perUserLimit,
    paymentDeadline: e.paymentDeadline,
    requireIdentity: needsIdentity(e),
    minAge: e.minAge,
    entryChallenge: e.entryChallenge ?? null,
    preQueueOpensAt: e.preQueueOpensAt?.toISOString() ?? null,
    organizerId: e.organizerId,
    posterMediaId: e.posterMediaId,
    grades: grades.map((g) => ({
      id: g.id,
      name: g.name,
      price: g.price,
      capacity: g.capacity,
      remaining: g.remaining,
    })),
  }
}
