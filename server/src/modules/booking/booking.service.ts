// The booking story: place the bookings a queue batch decided, show them to their owner, cancel and release them.
import type { Db, Tx } from '../../adapters/db/database.ts'
import type { Principal } from '../../http/auth-guard.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { PaymentDeadlinePolicy } from '../catalog/index.ts'
import { returnSeats } from '../catalog/index.ts'
import { bookingNotFound, notCancellable } from './booking.errors.ts'
import { type BookingRow, bookingRepository as repo } from './booking.repository.ts'
import { type Decision, payBy } from './booking.rules.ts'

export interface BookingDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
}

export interface BookingView {
  id: string
  eventId: string
  gradeId: string
  quantity: number
  amount: number
  status: BookingRow['status']
  payBy: string
  createdAt: string
  tickets: { id: string; status: string }[]
}

/**
 * Seams for the payment module: `afterRelease` runs inside the transaction that cancels or expires a booking
 * (e.g. to write an outbox event); `cancelPaid` is how a confirmed booking is cancelled (refund, then release).
 */
export interface BookingHooks {
  afterRelease: ((tx: Tx, booking: BookingRow) => Promise<void>)[]
  cancelPaid?: (booking: BookingRow, principal: Principal) => Promise<void>
}

export function createBookingService(deps: BookingDeps) {
  const { db, clock, newId } = deps
  const hooks: BookingHooks = { afterRelease: [] }

  async function view(row: BookingRow): Promise<BookingView> {
    const tickets = await repo.ticketsOf(db, [row.id])
    return toView(row, tickets)
  }

  /** Moves an active booking to cancelled or expired and returns its seats, once; false when it was not active. */
  async function release(tx: Tx, bookingId: string, to: 'cancelled' | 'expired') {
    const row = await repo.find(tx, bookingId, { lock: true })
    if (!row || (row.status !== 'pending_payment' && row.status !== 'confirmed')) return false
    const released = await repo.setStatus(tx, bookingId, to, clock.now())
    await returnSeats(tx, row.gradeId, row.quantity)
    for (const hook of hooks.afterRelease) await hook(tx, released)
    return true
  }

  return {
    hooks,
    release,
    heldByUsers: repo.heldByUsers,

    /** Writes the bookings and tickets for a batch's `book` decisions; returns each entry number's booking id. */
    async place(tx: Tx, eventId: string, decisions: Decision[], deadline: PaymentDeadlinePolicy, now: Date) {
      const due = payBy(now, deadline)
      const booked = decisions.filter((d) => d.outcome === 'book')
      const rows = booked.map((d) => ({
        id: newId(),
        eventId,
        gradeId: d.gradeId,
        userId: d.userId,
        queueNumber: d.number,
        quantity: d.quantity,
        amount: d.amount,
        payBy: due,
      }))
      const ticketIds = rows.flatMap((r) => Array.from({ length: r.quantity }, () => newId()))
      await repo.insertMany(tx, rows, ticketIds, now)
      return new Map(rows.map((r) => [r.queueNumber, r.id]))
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

    /** An unpaid booking is cancelled at once and its seats go back on sale; a paid one goes through `cancelPaid`. */
    async cancel(principal: Principal, id: string) {
      const row = await repo.find(db, id)
      if (!row || (row.userId !== principal.userId && principal.role !== 'admin')) throw bookingNotFound()
      // Once the gate has let someone in on it, a booking is spent: no refund for a seat that was used.
      if ((await repo.ticketsOf(db, [id])).some((t) => t.status === 'used'))
        throw notCancellable('checked in at the gate')
      if (row.status === 'confirmed' && hooks.cancelPaid) {
        await hooks.cancelPaid(row, principal)
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

function toView(row: BookingRow, tickets: { id: string; bookingId: string; status: string }[]): BookingView {
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
