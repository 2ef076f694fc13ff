// The event form's state and its conversion to and from the API's body (Seoul wall times ↔ ISO).
import type { Category, EventDetail } from '../../api/types.ts'
import { fromSeoulInput, toSeoulInput } from '../../format/format.ts'

export interface GradeDraft {
  id?: string
  name: string
  price: string
  capacity: string
}

export interface EventDraft {
  title: string
  description: string
  category: Category
  performers: string
  venueName: string
  venueCity: string
  venueAddress: string
  startsAt: string
  endsAt: string
  saleOpensAt: string
  saleClosesAt: string
  perUserLimit: string
  deadlinePolicy: 'end_of_day' | 'minutes'
  deadlineMinutes: string
  posterMediaId: string | null
  posterUrl: string | null
  /** Entry rules: 본인인증 required, and a minimum age ('' for none). */
  requireIdentity: boolean
  minAge: string
  /** Proof-of-work to join: the cost as text ('' for none). */
  challengeCost: string
  /** The pre-queue's start, Seoul wall time ('' for none): joins until the opening are drawn at random. */
  preQueueOpensAt: string
  grades: GradeDraft[]
}

export function emptyDraft(): EventDraft {
  return {
    title: '',
    description: '',
    category: 'concert',
    performers: '',
    venueName: '',
    venueCity: '',
    venueAddress: '',
    startsAt: '',
    endsAt: '',
    saleOpensAt: '',
    saleClosesAt: '',
    perUserLimit: '4',
    deadlinePolicy: 'end_of_day',
    deadlineMinutes: '30',
    posterMediaId: null,
    posterUrl: null,
    requireIdentity: false,
    minAge: '',
    challengeCost: '',
    preQueueOpensAt: '',
    grades: [{ name: 'R', price: '', capacity: '' }],
  }
}

export function draftOf(e: EventDetail): EventDraft {
  return {
    title: e.title,
    description: e.description,
    category: e.category,
    performers: e.performers.join(', '),
    venueName: e.venue.name,
    venueCity: e.venue.city,
    venueAddress: e.venue.address ?? '',
    startsAt: toSeoulInput(e.startsAt),
    endsAt: e.endsAt ? toSeoulInput(e.endsAt) : '',
    saleOpensAt: toSeoulInput(e.saleOpensAt),
    saleClosesAt: toSeoulInput(e.saleClosesAt),
    perUserLimit: String(e.perUserLimit),
    deadlinePolicy: e.paymentDeadline.policy,
    deadlineMinutes: String(e.paymentDeadline.policy === 'minutes' ? e.paymentDeadline.minutes : 30),
    posterMediaId: e.posterMediaId ?? null,
    posterUrl: e.posterUrl,
    requireIdentity: e.requireIdentity,
    minAge: e.minAge === null ? '' : String(e.minAge),
    challengeCost: e.entryChallenge ? String(e.entryChallenge.cost) : '',
    preQueueOpensAt: e.preQueueOpensAt ? toSeoulInput(e.preQueueOpensAt) : '',
    grades: e.grades.map((g) => ({ id: g.id, name: g.name, price: String(g.price), capacity: String(g.capacity) })),
  }
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s))
const time = (s: string) => (s ? fromSeoulInput(s) : '')

/** The request body. Invalid numbers are sent as they are, so the server's field errors explain them. */
export function bodyOf(d: EventDraft, editing: boolean) {
  return {
    title: d.title.trim(),
    description: d.description,
    category: d.category,
    performers: d.performers
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    venue: {
      name: d.venueName.trim(),
      city: d.venueCity.trim(),
      ...(d.venueAddress.trim() ? { address: d.venueAddress.trim() } : {}),
    },
    startsAt: time(d.startsAt),
    ...(d.endsAt ? { endsAt: time(d.endsAt) } : {}),
    saleOpensAt: time(d.saleOpensAt),
    saleClosesAt: time(d.saleClosesAt),
    perUserLimit: num(d.perUserLimit),
    paymentDeadline:
      d.deadlinePolicy === 'minutes'
        ? { policy: 'minutes', minutes: num(d.deadlineMinutes) }
        : { policy: 'end_of_day' },
    ...(d.posterMediaId ? { posterMediaId: d.posterMediaId } : {}),
    requireIdentity: d.requireIdentity,
    minAge: d.minAge.trim() === '' ? null : num(d.minAge),
    entryChallenge: d.challengeCost === '' ? null : { cost: num(d.challengeCost) },
    preQueueOpensAt: d.preQueueOpensAt ? time(d.preQueueOpensAt) : null,
    grades: d.grades.map((g) => ({
      ...(editing && g.id ? { id: g.id } : {}),
      name: g.name.trim(),
      price: num(g.price),
      capacity: num(g.capacity),
    })),
  }
}

/** Proof-of-work cost levels the form offers (docs/BENCHMARKS.md: about 0.25, 1 and 4 s of a server core). */
export const CHALLENGE_COSTS = { light: 500, normal: 2_000, strong: 8_000 }

/** How long before the opening "인기 공연 보호" opens the pre-queue. */
export const PRE_QUEUE_LEAD_MS = 60 * 60_000

/** The hold a protected event gets unless the organizer chose minutes already (the server's pre-queue default). */
export const PROTECTED_HOLD_MINUTES = '10'

/**
 * "인기 공연 보호": 본인인증, proof-of-work at the normal level, a pre-queue an hour before the opening (once the
 * opening is set) and 10-minute holds. Choices the organizer already made are kept.
 */
export function withProtection(d: EventDraft): EventDraft {
  const opening = d.saleOpensAt ? Date.parse(fromSeoulInput(d.saleOpensAt)) : Number.NaN
  return {
    ...d,
    requireIdentity: true,
    challengeCost: d.challengeCost || String(CHALLENGE_COSTS.normal),
    deadlinePolicy: 'minutes',
    deadlineMinutes: d.deadlinePolicy === 'minutes' ? d.deadlineMinutes : PROTECTED_HOLD_MINUTES,
    preQueueOpensAt:
      d.preQueueOpensAt ||
      (Number.isNaN(opening) ? '' : toSeoulInput(new Date(opening - PRE_QUEUE_LEAD_MS).toISOString())),
  }
}

/** For an edit, only the fields that changed: the API locks some (e.g. saleOpensAt) once the sale opened. */
export function changesOf(draft: EventDraft, original: EventDraft): Record<string, unknown> {
  const now = bodyOf(draft, true) as Record<string, unknown>
  const before = bodyOf(original, true) as Record<string, unknown>
  const keys = new Set([...Object.keys(now), ...Object.keys(before)])
  const out: Record<string, unknown> = {}
  for (const key of keys) {
    if (JSON.stringify(now[key]) === JSON.stringify(before[key])) continue
    // A cleared optional field is sent as null, which the API reads as "remove".
    out[key] = key in now ? now[key] : null
  }
  return out
}
