// Pure allocation decisions: who gets seats in a batch of queue entries, and when a booking must be paid.
import type { PaymentDeadlinePolicy } from '../catalog/index.ts'

/** Why a queue entry got no booking. */
export const FAILURE_REASONS = ['sold_out', 'limit_exceeded', 'sale_closed'] as const
export type FailureReason = (typeof FAILURE_REASONS)[number]

export interface EntryToAllocate {
  number: number
  userId: string
  gradeId: string
  quantity: number
  status: 'waiting' | 'succeeded' | 'failed' | 'left'
  joinedAt: Date
}

export interface AllocationTerms {
  startsAt: Date
  saleClosesAt: Date
  perUserLimit: number
  grades: { id: string; price: number; remaining: number }[]
}

export type Decision =
  | { number: number; outcome: 'book'; userId: string; gradeId: string; quantity: number; amount: number }
  | { number: number; outcome: 'fail'; reason: FailureReason }

/**
 * Decides a batch in number order. `held` is what each account already holds for the event (unpaid or paid).
 * Entries that are not waiting (left, or already decided) get no decision. A fan who joined inside the sale window
 * keeps their turn even if processing happens after it closes; `sale_closed` is for entries the organizer's changed
 * window no longer covers, or that are reached after the event has started.
 */
export function allocate(
  entries: readonly EntryToAllocate[],
  terms: AllocationTerms,
  held: ReadonlyMap<string, number>,
  now: Date,
): Decision[] {
  const remaining = new Map(terms.grades.map((g) => [g.id, g.remaining]))
  const price = new Map(terms.grades.map((g) => [g.id, g.price]))
  const holding = new Map(held)
  const decisions: Decision[] = []
  for (const e of entries) {
    if (e.status !== 'waiting') continue
    const left = remaining.get(e.gradeId)
    const has = holding.get(e.userId) ?? 0
    if (e.joinedAt.getTime() > terms.saleClosesAt.getTime() || now.getTime() >= terms.startsAt.getTime()) {
      decisions.push({ number: e.number, outcome: 'fail', reason: 'sale_closed' })
    } else if (has + e.quantity > terms.perUserLimit) {
      decisions.push({ number: e.number, outcome: 'fail', reason: 'limit_exceeded' })
    } else if (left === undefined || left < e.quantity) {
      decisions.push({ number: e.number, outcome: 'fail', reason: 'sold_out' })
    } else {
      remaining.set(e.gradeId, left - e.quantity)
      holding.set(e.userId, has + e.quantity)
      const amount = (price.get(e.gradeId) ?? 0) * e.quantity
      decisions.push({
        number: e.number,
        outcome: 'book',
        userId: e.userId,
        gradeId: e.gradeId,
        quantity: e.quantity,
        amount,
      })
    }
  }
  return decisions
}

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
/** Korea has kept UTC+9 without daylight saving since 1988, so a fixed offset is exact. */
const SEOUL_OFFSET = 9 * 60 * MINUTE
const LAST_CALL = 30 * MINUTE

/**
 * The payment deadline of a booking made at `now`. `end_of_day`: 23:59:59 Asia/Seoul of the booking day, or of the
 * next day when the booking falls in the day's last 30 minutes (so nobody gets a deadline minutes away).
 */
export function payBy(now: Date, policy: PaymentDeadlinePolicy): Date {
  if (policy.policy === 'minutes') return new Date(now.getTime() + policy.minutes * MINUTE)
  const local = now.getTime() + SEOUL_OFFSET
  const dayStart = Math.floor(local / DAY) * DAY
  const extra = local - dayStart >= DAY - LAST_CALL ? DAY : 0
  return new Date(dayStart + extra + DAY - 1000 - SEOUL_OFFSET)
}

/** Seats to take per grade for the booked decisions of a batch. */
export function seatsToTake(decisions: readonly Decision[]) {
  const totals = new Map<string, number>()
  for (const d of decisions) if (d.outcome === 'book') totals.set(d.gradeId, (totals.get(d.gradeId) ?? 0) + d.quantity)
  return [...totals].map(([gradeId, quantity]) => ({ gradeId, quantity }))
}
