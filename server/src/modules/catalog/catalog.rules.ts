// Pure decisions about events: what a valid event is, what may change once its sale opens, and its status.
import type { FieldError } from '../../kernel/app-error.ts'
import type { EventStatus, PaymentDeadlinePolicy } from './catalog.tables.ts'

export const LIMITS = {
  grades: 20,
  capacity: 100_000,
  price: 10_000_000,
  perUserLimit: 10,
  performers: 20,
  deadlineMinutes: { min: 5, max: 1440 },
  /** How far ahead an event may be scheduled. */
  horizonMs: 5 * 366 * 24 * 3600 * 1000,
} as const

export interface GradeDraft {
  id?: string
  name: string
  price: number
  capacity: number
}

/** The schedule and grades of an event as they would be after a create or an edit. */
export interface EventDraft {
  startsAt: Date
  endsAt: Date | null
  saleOpensAt: Date
  saleClosesAt: Date
  preQueueOpensAt: Date | null
  grades: GradeDraft[]
  paymentDeadline: PaymentDeadlinePolicy
}

/** Cross-field rules a JSON schema cannot say. Shapes and bounds are the schema's job. */
export function draftProblems(draft: EventDraft, now: Date, isNew: boolean): FieldError[] {
  const errors: FieldError[] = []
  const at = (path: string, message: string) => errors.push({ path: `body/${path}`, message })
  if (draft.saleOpensAt >= draft.saleClosesAt) at('saleOpensAt', 'must be before saleClosesAt')
  if (draft.preQueueOpensAt && draft.preQueueOpensAt >= draft.saleOpensAt) {
    at('preQueueOpensAt', 'must be before saleOpensAt')
  }
  if (draft.saleClosesAt > draft.startsAt) at('saleClosesAt', 'must not be after startsAt')
  if (draft.endsAt && draft.endsAt <= draft.startsAt) at('endsAt', 'must be after startsAt')
  if (isNew && draft.saleClosesAt <= now) at('saleClosesAt', 'must be in the future')
  if (draft.startsAt.getTime() > now.getTime() + LIMITS.horizonMs) at('startsAt', 'must be within five years')
  if (draft.grades.length < 1 || draft.grades.length > LIMITS.grades) at('grades', `must have 1 to ${LIMITS.grades}`)
  const seen = new Set<string>()
  draft.grades.forEach((g, i) => {
    const key = g.name.trim().normalize('NFKC').toLowerCase()
    if (seen.has(key)) at(`grades/${i}/name`, 'must be unique within the event')
    seen.add(key)
  })
  return errors
}

export interface StoredGrade {
  id: string
  name: string
  price: number
  capacity: number
  remaining: number
}

export interface ScheduleFacts {
  saleOpensAt: Date
  preQueueOpensAt: Date | null
  startsAt: Date
  perUserLimit: number
}

/**
 * Once the pre-queue has opened, fans are registered for a draw at the opening: the pre-queue and the opening
 * time are fixed from then. Once the sale has opened, fans hold places and seats on its terms: prices of existing grades
 * and the set of grades are fixed, and the per-account limit may only grow. Once a ticket is sold the start may
 * not move into the past: a started event refuses cancellations, so that would take the holders' refunds away.
 * Everything else stays editable (texts, venue, poster, schedule within the rules, capacity down to the seats
 * sold, new grades, payment deadline).
 */
export function lockedChanges(
  stored: ScheduleFacts,
  grades: StoredGrade[],
  patch: {
    saleOpensAt?: Date
    startsAt?: Date
    perUserLimit?: number
    grades?: GradeDraft[]
    preQueueOpensAt?: Date | null | undefined
  },
  now: Date,
): FieldError[] {
  const errors: FieldError[] = []
  const opensMoved = patch.saleOpensAt && patch.saleOpensAt.getTime() !== stored.saleOpensAt.getTime()
  if (stored.preQueueOpensAt && now >= stored.preQueueOpensAt && now < stored.saleOpensAt) {
    const preQueueMoved =
      patch.preQueueOpensAt !== undefined && patch.preQueueOpensAt?.getTime() !== stored.preQueueOpensAt.getTime()
    if (preQueueMoved) errors.push({ path: 'body/preQueueOpensAt', message: 'cannot change once the pre-queue opened' })
    if (opensMoved) errors.push({ path: 'body/saleOpensAt', message: 'cannot change once the pre-queue opened' })
    return errors
  }
  if (now < stored.saleOpensAt) return []
  if (patch.preQueueOpensAt !== undefined && patch.preQueueOpensAt?.getTime() !== stored.preQueueOpensAt?.getTime()) {
    errors.push({ path: 'body/preQueueOpensAt', message: 'cannot change after the sale has opened' })
  }
  const sold = grades.some((g) => g.remaining < g.capacity)
  const moved = patch.startsAt && patch.startsAt.getTime() !== stored.startsAt.getTime()
  if (sold && moved && patch.startsAt! <= now) {
    errors.push({ path: 'body/startsAt', message: 'cannot move into the past once tickets are sold' })
  }
  if (opensMoved) {
    errors.push({ path: 'body/saleOpensAt', message: 'cannot change after the sale has opened' })
  }
  if (patch.perUserLimit !== undefined && patch.perUserLimit < stored.perUserLimit) {
    errors.push({ path: 'body/perUserLimit', message: 'can only grow after the sale has opened' })
  }
  if (patch.grades) {
    const kept = new Set(patch.grades.map((g) => g.id).filter(Boolean))
    for (const g of grades) {
      if (!kept.has(g.id)) errors.push({ path: 'body/grades', message: `grade ${g.id} cannot be removed` })
    }
    patch.grades.forEach((g, i) => {
      const old = grades.find((s) => s.id === g.id)
      if (old && old.price !== g.price) errors.push({ path: `body/grades/${i}/price`, message: 'cannot change' })
    })
  }
  return errors
}

/** Grades of an edit that name an id the event does not have, or the same grade twice. */
export function unknownGradeIds(grades: StoredGrade[], patch: GradeDraft[]): FieldError[] {
  const ids = new Set(grades.map((g) => g.id))
  const seen = new Set<string>()
  return patch.flatMap((g, i) => {
    if (!g.id) return []
    if (!ids.has(g.id)) return [{ path: `body/grades/${i}/id`, message: 'is not a grade of this event' }]
    if (seen.has(g.id)) return [{ path: `body/grades/${i}/id`, message: 'appears twice' }]
    seen.add(g.id)
    return []
  })
}

export function eventStatus(
  e: { saleOpensAt: Date; saleClosesAt: Date; startsAt: Date },
  remaining: number,
  now: Date,
): EventStatus {
  if (now < e.saleOpensAt) return 'upcoming'
  if (now >= e.saleClosesAt || now >= e.startsAt) return 'closed'
  return remaining > 0 ? 'on_sale' : 'sold_out'
}

/** Cursors are opaque to clients: base64url JSON, checked on the way back in. */
export type ListCursor = { k: 't'; s: string; i: string } | { k: 'q'; o: number }

export const encodeCursor = (c: ListCursor) => Buffer.from(JSON.stringify(c)).toString('base64url')

export function decodeCursor(raw: string): ListCursor | null {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as ListCursor
    if (c.k === 't' && typeof c.s === 'string' && typeof c.i === 'string' && !Number.isNaN(Date.parse(c.s))) return c
    if (c.k === 'q' && Number.isInteger(c.o) && c.o >= 0 && c.o <= 10_000) return c
  } catch {}
  return null
}

/** Whether joining needs a verified person: asked for, or implied by an age limit (only a verified person has an age). */
export const needsIdentity = (rules: { requireIdentity: boolean; minAge: number | null }) =>
  rules.requireIdentity || rules.minAge !== null

/** How long a hold lasts by default on an event with a pre-queue: a hot sale's unpaid seats go back quickly. */
export const PRE_QUEUE_HOLD_MINUTES = 10

/** The hold policy of a new event that names none: 10 minutes with a pre-queue, else the end of the day. */
export const defaultPaymentDeadline = (preQueueOpensAt: unknown): PaymentDeadlinePolicy =>
  preQueueOpensAt ? { policy: 'minutes', minutes: PRE_QUEUE_HOLD_MINUTES } : { policy: 'end_of_day' }
