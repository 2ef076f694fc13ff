// The catalog's queries; plain rows in, plain rows out.
import { and, asc, eq, gt, gte, inArray, lt, min, or, type SQL, sql, sum } from 'drizzle-orm'
import type { DbOrTx } from '../../adapters/db/database.ts'
import { type EventCategory, events, seatGrades } from './catalog.tables.ts'

export type EventRow = typeof events.$inferSelect
export type GradeRow = typeof seatGrades.$inferSelect

export interface ListFilters {
  category?: EventCategory
  city?: string
  from?: Date
  to?: Date
  organizerId?: string
}

/**
 * `updated_at` drives the search-index sync in every process, so it comes from the database's clock (one clock
 * for all processes), in whole milliseconds (what JavaScript dates hold), and grows on every write to a row.
 * clock_timestamp(), not now(): the time of the statement, which our transactions run last or nearly, so the
 * value is at most moments older than the commit that makes it visible.
 */
const touched = sql`date_trunc('milliseconds', greatest(clock_timestamp(), ${events.updatedAt} + interval '1 millisecond'))`
const created = sql`date_trunc('milliseconds', clock_timestamp())`

export const catalogRepository = {
  async insertEvents(db: DbOrTx, rows: Omit<typeof events.$inferInsert, 'updatedAt'>[], grades: GradeRow[]) {
    const inserted = await db
      .insert(events)
      .values(rows.map((row) => ({ ...row, updatedAt: created as unknown as Date })))
      .returning()
    // In chunks: one statement's parameters are limited (65535).
    for (let i = 0; i < grades.length; i += 1000) await db.insert(seatGrades).values(grades.slice(i, i + 1000))
    return inserted
  },

  async updateEvent(db: DbOrTx, id: string, set: Partial<typeof events.$inferInsert>) {
    const [row] = await db
      .update(events)
      .set({ ...set, updatedAt: touched as unknown as Date })
      .where(eq(events.id, id))
      .returning()
    return row ?? null
  },

  async eventById(db: DbOrTx, id: string, options: { lock?: boolean } = {}) {
    const query = db.select().from(events).where(eq(events.id, id))
    const [row] = options.lock ? await query.for('update') : await query
    return row ?? null
  },

  async gradesOf(db: DbOrTx, eventId: string) {
    return db.select().from(seatGrades).where(eq(seatGrades.eventId, eventId)).orderBy(asc(seatGrades.position))
  },

  async insertGrade(db: DbOrTx, row: GradeRow) {
    await db.insert(seatGrades).values(row)
  },

  /** Changes a grade; capacity moves `remaining` by the same amount, and never below the seats sold (atomic). */
  async updateGrade(db: DbOrTx, id: string, set: { name: string; price: number; capacity: number; position: number }) {
    const rows = await db
      .update(seatGrades)
      .set({
        name: set.name,
        price: set.price,
        position: set.position,
        capacity: set.capacity,
        remaining: sql`${seatGrades.remaining} + (${set.capacity} - ${seatGrades.capacity})`,
      })
      .where(and(eq(seatGrades.id, id), sql`${seatGrades.capacity} - ${seatGrades.remaining} <= ${set.capacity}`))
      .returning({ id: seatGrades.id })
    return rows.length === 1
  },

  /** Deletes a grade only while none of its seats are sold. */
  async deleteUnsoldGrade(db: DbOrTx, id: string) {
    const rows = await db
      .delete(seatGrades)
      .where(and(eq(seatGrades.id, id), eq(seatGrades.remaining, seatGrades.capacity)))
      .returning({ id: seatGrades.id })
    return rows.length === 1
  },

  /** A page in (startsAt, id) order after the cursor. */
  async listPage(db: DbOrTx, filters: ListFilters, after: { startsAt: Date; id: string } | null, limit: number) {
    const where: SQL[] = []
    if (filters.category) where.push(eq(events.category, filters.category))
    if (filters.city) where.push(eq(events.venueCity, filters.city))
    if (filters.from) where.push(gte(events.startsAt, filters.from))
    if (filters.to) where.push(lt(events.startsAt, filters.to))
    if (filters.organizerId) where.push(eq(events.organizerId, filters.organizerId))
    if (after) {
      where.push(
        or(gt(events.startsAt, after.startsAt), and(eq(events.startsAt, after.startsAt), gt(events.id, after.id)))!,
      )
    }
    return db
      .select()
      .from(events)
      .where(and(...where))
      .orderBy(asc(events.startsAt), asc(events.id))
      .limit(limit)
  },

  async eventsByIds(db: DbOrTx, ids: string[]) {
    if (ids.length === 0) return []
    return db.select().from(events).where(inArray(events.id, ids))
  },

  /** Lowest price and seats left per event. */
  async gradeTotals(db: DbOrTx, eventIds: string[]) {
    if (eventIds.length === 0) return new Map<string, { minPrice: number; remaining: number }>()
    const rows = await db
      .select({ eventId: seatGrades.eventId, minPrice: min(seatGrades.price), remaining: sum(seatGrades.remaining) })
      .from(seatGrades)
      .where(inArray(seatGrades.eventId, eventIds))
      .groupBy(seatGrades.eventId)
    return new Map(
      rows.map((r) => [r.eventId, { minPrice: Number(r.minPrice ?? 0), remaining: Number(r.remaining ?? 0) }]),
    )
  },

  /** Ids and versions of events written after `since` (inclusive of ties broken by id), oldest first. */
  async changedSince(db: DbOrTx, since: { at: Date; id: string }, limit: number) {
    return db
      .select({ id: events.id, updatedAt: events.updatedAt })
      .from(events)
      .where(or(gt(events.updatedAt, since.at), and(eq(events.updatedAt, since.at), gt(events.id, since.id))))
      .orderBy(asc(events.updatedAt), asc(events.id))
      .limit(limit)
  },

  async countEvents(db: DbOrTx) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(events)
    return Number(row?.n ?? 0)
  },
}
