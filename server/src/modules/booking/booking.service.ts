// The booking story: book a queue batch (allocation is this module's own rule), show bookings to their owner,
// cancel and release them. A release returns the seats and leaves a `booking.released` record for deferred
// consumers (the payment module closes orders left open).
import type { Db, Tx } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import { BOOKING_RELEASED, type BookingReleased } from '../../kernel/domain-events.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Principal } from '../../kernel/principal.ts'
import type { PaymentDeadlinePolicy } from '../catalog/index.ts'
import type { Outbox } from '../outbox/index.ts'
import { bookingNotFound, notCancellable } from './booking.errors.ts'
import { type BookingRow, bookingRepository as repo } from './booking.repository.ts'
import { allocate, type EntryToAllocate, type FailureReason, payBy, seatsToTake } from './booking.rules.ts'
import type { BookingView } from './booking.schemas.ts'
import type { TicketStatus } from './booking.tables.ts'

/** What booking asks of the catalog's seat inventory, inside the caller's transaction. */
export interface SeatInventory {
  saleTerms(
    tx: Tx,
    eventId: string,
    options: { lock: true },
  ): Promise<{
    startsAt: Date
    saleClosesAt: Date
    perUserLimit: number
    paymentDeadline: PaymentDeadlinePolicy
    grades: { id: string; price: number; remaining: number }[]
  } | null>
  takeSeats(tx: Tx, takes: { gradeId: string; quantity: number }[]): Promise<void>
  returnSeats(tx: Tx, gradeId: string, quantity: number): Promise<void>
}

export interface BookingDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  outbox: Outbox
  inventory: SeatInventory
}

/** One queue entry's result: a booking, or why not. */
export type BatchResult =
  | { number: number; outcome: 'booked'; bookingId: string }
  | { number: number; outcome: 'failed'; reason: FailureReason }

/** How a confirmed (paid) booking is cancelled: the payment module refunds it; a used ticket refuses. */
export type CancelPaid = (booking: {
  id: string
  eventId: string
}) => Promise<{ ok: true } | { ok: false; reason: 'checked_in' }>

export function createBookingService(deps: BookingDeps) {
  const { db, clock, newId, outbox, inventory } = deps

  async function view(row: BookingRow): Promise<BookingView> {
    const tickets = await repo.ticketsOf(db, [row.id])
    return toView(row, tickets)
  }

  /** Moves an active booking to cancelled or expired and returns its seats, once; false when it was not active. */
  async function release(tx: Tx, bookingId: string, to: 'cancelled' | 'expired') {
    const row = await repo.find(tx, bookingId, { lock: true })
    if (!row || (row.status !== 'pending_payment' && row.status !== 'confirmed')) return false
    await repo.setStatus(tx, bookingId, to, clock.now())
    await inventory.returnSeats(tx, row.gradeId, row.quantity)
    await outbox.emit<BookingReleased>(tx, {
      type: BOOKING_RELEASED,
      subject: row.id,
      payload: { bookingId: row.id, eventId: row.eventId, gradeId: row.gradeId, quantity: row.quantity, status: to },
    })
    return true
  }

  return {
    release,

    /**
     * Books a batch of an event's queue entries, in number order, inside the queue's transaction: the event's grade
     * rows are locked, each waiting entry is decided against what is left and what its account already holds,
     * and the winners' bookings, tickets and seats are written. Entries not waiting get no result; null when the
     * event is gone.
     */
    async bookBatch(tx: Tx, eventId: string, entries: readonly EntryToAllocate[], now: Date) {
      const terms = await inventory.saleTerms(tx, eventId, { lock: true })
      if (!terms) return null
      const accounts = [...new Set(entries.filter((e) => e.status === 'waiting').map((e) => e.userId))]
      const held = await repo.heldByUsers(tx, eventId, accounts)
      const decisions = allocate(entries, terms, held, now)
      const due = payBy(now, terms.paymentDeadline)
      const results: BatchResult[] = []
      const rows = []
      for (const d of decisions) {
        if (d.outcome === 'fail') {
          results.push({ number: d.number, outcome: 'failed', reason: d.reason })
          continue
        }
        const id = newId()
        const { userId, gradeId, quantity, amount } = d
        rows.push({ id, eventId, gradeId, userId, queueNumber: d.number, quantity, amount, payBy: due })
        results.push({ number: d.number, outcome: 'booked', bookingId: id })
      }
      const ticketIds = rows.flatMap((r) => Array.from({ length: r.quantity }, () => newId()))
      await repo.insertMany(tx, rows, ticketIds, now)
      await inventory.takeSeats(tx, seatsToTake(decisions))
      return results
    },

    async listMine(principal: Principal, limit: number, cursor?: string) {
      const rows = await repo.listForUser(db, principal.userId, limit + 1, cursor)
      const page = rows.slice(0, limit)
      const tickets = await repo.ticketsOf(
        db,
        page.map((r) => r.id),
      )
      return {
        items: page.map((r) => toView(r, tickets)),
        nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
      }
    },

    async get(principal: Principal, id: string) {
      const row = await repo.find(db, id)
      if (!row || (row.userId !== principal.userId && principal.role !== 'admin')) throw bookingNotFound()
      return view(row)
    },

    /** An unpaid booking is cancelled at once and its seats go back on sale; a paid one is handed to `cancelPaid`. */
    async cancel(principal: Principal, id: string, cancelPaid: CancelPaid) {
      const row = await repo.find(db, id)
      if (!row || (row.userId !== principal.userId && principal.role !== 'admin')) throw bookingNotFound()
      // Once the gate has let someone in on it, a booking is spent: no refund for a seat that was used.
      if ((await repo.ticketsOf(db, [id])).some((t) => t.status === 'used'))
        throw notCancellable('checked in at the gate')
      if (row.status === 'confirmed') {
        const outcome = await cancelPaid(row)
        if (!outcome.ok) throw notCancellable('checked in at the gate')
        return view((await repo.find(db, id))!)
      }
      if (row.status === 'cancelled') return view(row)
      if (row.status !== 'pending_payment') throw notCancellable(row.status)
      const done = await db.transaction(async (tx) => {
        const current = await repo.find(tx, id, { lock: true })
        if (current?.status !== 'pending_payment') return false
        return release(tx, id, 'cancelled')
      })
      const after = (await repo.find(db, id))!
      if (!done && after.status !== 'cancelled') throw notCancellable(after.status)
      return view(after)
    },
  }
}

export type BookingService = ReturnType<typeof createBookingService>

function toView(row: BookingRow, tickets: { id: string; bookingId: string; status: TicketStatus }[]): BookingView {
  return {
    id: row.id,
    eventId: row.eventId,
    gradeId: row.gradeId,
    quantity: row.quantity,
    amount: row.amount,
    status: row.status,
    payBy: row.payBy.toISOString(),
    createdAt: row.createdAt.toISOString(),
    tickets: tickets.filter((t) => t.bookingId === row.id).map((t) => ({ id: t.id, status: t.status })),
  }
}
