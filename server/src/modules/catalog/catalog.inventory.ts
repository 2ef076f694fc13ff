// Seat inventory for the booking path: the sale terms of an event, and taking or returning seats of a grade inside
// the caller's transaction. The database's check (0 ≤ remaining ≤ capacity) is the last word on overselling.
import { sql } from 'drizzle-orm'
import type { DbOrTx, Tx } from '../../adapters/db/database.ts'
import { needsIdentity } from './catalog.rules.ts'
import type { PaymentDeadlinePolicy } from './catalog.tables.ts'

export interface SaleTerms {
  eventId: string
  startsAt: Date
  saleOpensAt: Date
  saleClosesAt: Date
  perUserLimit: number
  /** Joining needs a verified person (also whenever there is an age limit). */
  requireIdentity: boolean
  /** The youngest age (연 나이: event year − birth year) that may join, or null. */
  minAge: number | null
  /** Proof-of-work to join: its cost, or null. */
  entryChallenge: { cost: number } | null
  /** Joins from then until saleOpensAt are registered for the opening draw; null for none. */
  preQueueOpensAt: Date | null
  paymentDeadline: PaymentDeadlinePolicy
  grades: { id: string; price: number; remaining: number }[]
}

type Row = Record<string, unknown>
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows
const date = (v: unknown) => (v instanceof Date ? v : new Date(String(v)))

/** The event's terms and grades; with `lock`, its grade rows are locked until the transaction ends. */
export async function saleTerms(db: DbOrTx, eventId: string, options: { lock?: boolean } = {}) {
  const events = rowsOf(
    await db.execute(sql`select id, starts_at, sale_opens_at, sale_closes_at, per_user_limit, payment_deadline,
      require_identity, min_age, entry_challenge, pre_queue_opens_at from events where id = ${eventId}`),
  )
  const event = events[0]
  if (!event) return null
  const grades = rowsOf(
    await db.execute(sql`select id, price, remaining from seat_grades where event_id = ${eventId}
      order by id ${options.lock ? sql`for update` : sql``}`),
  )
  const jsonOf = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : (v ?? null))
  const minAge = event.min_age === null ? null : Number(event.min_age)
  const deadline = event.payment_deadline
  const terms: SaleTerms = {
    eventId,
    startsAt: date(event.starts_at),
    saleOpensAt: date(event.sale_opens_at),
    saleClosesAt: date(event.sale_closes_at),
    perUserLimit: Number(event.per_user_limit),
    requireIdentity: needsIdentity({ requireIdentity: event.require_identity === true, minAge }),
    minAge,
    entryChallenge: jsonOf(event.entry_challenge) as { cost: number } | null,
    preQueueOpensAt: event.pre_queue_opens_at === null ? null : date(event.pre_queue_opens_at),
    paymentDeadline: (typeof deadline === 'string' ? JSON.parse(deadline) : deadline) as PaymentDeadlinePolicy,
    grades: grades.map((g) => ({ id: String(g.id), price: Number(g.price), remaining: Number(g.remaining) })),
  }
  return terms
}

/** Takes seats from several grades at once; throws (so the caller rolls back) if any grade has too few. */
export async function takeSeats(tx: Tx, takes: { gradeId: string; quantity: number }[]) {
  if (takes.length === 0) return
  const ids = takes.map((t) => t.gradeId)
  const quantities = takes.map((t) => t.quantity)
  const taken = rowsOf(
    await tx.execute(sql`update seat_grades g set remaining = g.remaining - v.q
      from unnest(${sql.param(ids)}::text[], ${sql.param(quantities)}::int[]) as v(id, q)
      where g.id = v.id and g.remaining >= v.q returning g.id`),
  )
  if (taken.length !== takes.length) throw new Error('seat inventory changed under a locked batch')
}

/** Returns a cancelled or expired booking's seats to sale at once. */
export async function returnSeats(tx: Tx, gradeId: string, quantity: number) {
  await tx.execute(sql`update seat_grades set remaining = remaining + ${quantity} where id = ${gradeId}`)
}

/** Who organizes an event, for other modules' owner checks (payments per event). */
export async function organizerOf(db: DbOrTx, eventId: string): Promise<string | undefined> {
  const [row] = rowsOf(await db.execute(sql`select organizer_id from events where id = ${eventId}`))
  return row ? String(row.organizer_id) : undefined
}
