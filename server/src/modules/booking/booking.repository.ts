// The booking module's queries. Bulk writes use unnest() so a batch of thousands is one statement per table.
import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm'
import type { DbOrTx, Tx } from '../../adapters/db/database.ts'
import { type BookingStatus, bookings, tickets } from './booking.tables.ts'

export type BookingRow = typeof bookings.$inferSelect

export interface NewBooking {
  id: string
  eventId: string
  gradeId: string
  userId: string
  queueNumber: number
  quantity: number
  amount: number
  payBy: Date
}

const p = sql.param

export const bookingRepository = {
  /** Tickets each account already holds (unpaid or paid) for the event. */
  async heldByUsers(db: DbOrTx, eventId: string, userIds: string[]) {
    const held = new Map<string, number>()
    if (userIds.length === 0) return held
    // One array parameter rather than thousands: a batch asks about up to its size of accounts at once.
    const { rows } = (await db.execute(sql`select user_id, sum(quantity)::int as total from bookings
      where event_id = ${eventId} and user_id = any(${p(userIds)}::text[])
        and status in ('pending_payment', 'confirmed') group by user_id`)) as unknown as {
      rows: { user_id: string; total: number }[]
    }
    for (const r of rows) held.set(r.user_id, Number(r.total))
    return held
  },

  async insertMany(tx: Tx, rows: NewBooking[], ticketIds: string[], now: Date) {
    if (rows.length === 0) return
    const col = <K extends keyof NewBooking>(k: K) => rows.map((r) => r[k])
    await tx.execute(sql`insert into bookings
      (id, event_id, grade_id, user_id, queue_number, quantity, amount, status, pay_by, created_at, updated_at)
      select v.id, v.event_id, v.grade_id, v.user_id, v.queue_number, v.quantity, v.amount, 'pending_payment',
             v.pay_by, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      from unnest(${p(col('id'))}::text[], ${p(col('eventId'))}::text[], ${p(col('gradeId'))}::text[],
                  ${p(col('userId'))}::text[], ${p(col('queueNumber'))}::int[], ${p(col('quantity'))}::int[],
                  ${p(col('amount'))}::int[], ${p(col('payBy').map((d) => d.toISOString()))}::timestamptz[])
        as v(id, event_id, grade_id, user_id, queue_number, quantity, amount, pay_by)`)
    // One ticket per seat: ticket ids are handed out in booking order, `quantity` at a time.
    const bookingOfTicket: string[] = []
    const eventOfTicket: string[] = []
    for (const r of rows)
      for (let i = 0; i < r.quantity; i++) {
        bookingOfTicket.push(r.id)
        eventOfTicket.push(r.eventId)
      }
    await tx.execute(sql`insert into tickets (id, booking_id, event_id, status, created_at)
      select v.id, v.booking_id, v.event_id, 'valid', ${now.toISOString()}::timestamptz
      from unnest(${p(ticketIds)}::text[], ${p(bookingOfTicket)}::text[], ${p(eventOfTicket)}::text[])
        as v(id, booking_id, event_id)`)
  },

  async listForUser(db: DbOrTx, userId: string, limit: number, before?: string) {
    return db
      .select()
      .from(bookings)
      .where(and(eq(bookings.userId, userId), before ? lt(bookings.id, before) : undefined))
      .orderBy(desc(bookings.id))
      .limit(limit)
  },

  async find(db: DbOrTx, id: string, options: { lock?: boolean } = {}) {
    const query = db.select().from(bookings).where(eq(bookings.id, id))
    const rows = options.lock ? await query.for('update') : await query
    return rows[0]
  },

  async ticketsOf(db: DbOrTx, bookingIds: string[]) {
    if (bookingIds.length === 0) return []
    return db
      .select({ id: tickets.id, bookingId: tickets.bookingId, status: tickets.status })
      .from(tickets)
      .where(inArray(tickets.bookingId, bookingIds))
      .orderBy(tickets.id)
  },

  async setStatus(tx: Tx, id: string, status: BookingStatus, now: Date) {
    const [row] = await tx.update(bookings).set({ status, updatedAt: now }).where(eq(bookings.id, id)).returning()
    if (status === 'cancelled' || status === 'expired')
      await tx
        .update(tickets)
        .set({ status: 'cancelled' })
        .where(and(eq(tickets.bookingId, id), ne(tickets.status, 'used')))
    return row!
  },

  /** A ticket with what the gate needs of its booking; locked (booking row too) when asked. */
  async ticketWithBooking(db: DbOrTx, ticketId: string, options: { lock?: boolean } = {}) {
    const query = db
      .select({
        id: tickets.id,
        status: tickets.status,
        eventId: tickets.eventId,
        usedAt: tickets.usedAt,
        bookingId: bookings.id,
        bookingStatus: bookings.status,
        userId: bookings.userId,
        gradeId: bookings.gradeId,
      })
      .from(tickets)
      .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
      .where(eq(tickets.id, ticketId))
    const [row] = options.lock ? await query.for('update') : await query
    return row
  },

  /** Marks a still-valid ticket used at the gate. */
  async markUsed(tx: Tx, ticketId: string, at: Date, staffId: string) {
    await tx
      .update(tickets)
      .set({ status: 'used', usedAt: at, checkedInBy: staffId })
      .where(and(eq(tickets.id, ticketId), eq(tickets.status, 'valid')))
  },

  /** The booking's tickets admit no one from now on; false (and nothing changed) when one was already used. */
  async stopAdmitting(tx: Tx, bookingId: string) {
    const rows = await tx.select({ status: tickets.status }).from(tickets).where(eq(tickets.bookingId, bookingId))
    if (rows.some((t) => t.status === 'used')) return false
    await tx
      .update(tickets)
      .set({ status: 'cancelled' })
      .where(and(eq(tickets.bookingId, bookingId), eq(tickets.status, 'valid')))
    return true
  },
}
