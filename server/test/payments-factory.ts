// Test data for payment flows: accounts with tokens signed at the app's (manual) clock, an event, and a booking
// held for one of them, as the queue worker would have written it (seats taken from the grade).
import { eq, sql } from 'drizzle-orm'
import type { Db } from '../src/adapters/db/database.ts'
import { newId } from '../src/kernel/ids.ts'
import { users } from '../src/modules/auth/auth.tables.ts'
import { createAccessTokens } from '../src/modules/auth/auth.tokens.ts'
import { bookings, tickets } from '../src/modules/booking/booking.tables.ts'
import { seatGrades } from '../src/modules/catalog/catalog.tables.ts'
import { insertEvent } from './events-factory.ts'

export const PAYMENTS_JWT_SECRET = 'payments-test-secret-0123456789abcdef-xyz'

export interface Account {
  id: string
  token: string
  headers: { authorization: string }
}

export async function insertAccount(db: Db, at: Date, role: 'user' | 'organizer' | 'staff' | 'admin' = 'user') {
  const id = newId()
  const email = `${id}@pay.example.com`
  await db.insert(users).values({ id, email, emailKey: email, name: '결제 팬', passwordHash: 'x', role })
  const token = await createAccessTokens(PAYMENTS_JWT_SECRET).sign(
    { userId: id, role },
    Math.floor(at.getTime() / 1000),
  )
  return { id, token, headers: { authorization: `Bearer ${token}` } } satisfies Account
}

/** A fresh token for an account, valid at `at` (tests move the clock by hours). */
export async function tokenAt(account: Account, at: Date, role: 'user' | 'organizer' | 'admin' = 'user') {
  const token = await createAccessTokens(PAYMENTS_JWT_SECRET).sign(
    { userId: account.id, role },
    Math.floor(at.getTime() / 1000),
  )
  return { authorization: `Bearer ${token}` }
}

export async function insertHeldBooking(
  db: Db,
  input: {
    userId: string
    now: Date
    payBy: Date
    price?: number
    quantity?: number
    organizerId?: string
    startsAt?: Date
  },
) {
  const quantity = input.quantity ?? 2
  const { eventId, grades } = await insertEvent(db, {
    now: input.now,
    grades: [{ name: 'R석', price: input.price ?? 110_000, capacity: 10 }],
    ...(input.organizerId ? { organizerId: input.organizerId } : {}),
    ...(input.startsAt ? { startsAt: input.startsAt } : {}),
  })
  const grade = grades[0]!
  const id = newId()
  await db.transaction(async (tx) => {
    await tx
      .update(seatGrades)
      .set({ remaining: sql`${seatGrades.remaining} - ${quantity}` })
      .where(eq(seatGrades.id, grade.id))
    await tx.insert(bookings).values({
      id,
      eventId,
      gradeId: grade.id,
      userId: input.userId,
      quantity,
      amount: grade.price * quantity,
      status: 'pending_payment',
      payBy: input.payBy,
      createdAt: input.now,
      updatedAt: input.now,
    })
    await tx
      .insert(tickets)
      .values(Array.from({ length: quantity }, () => ({ id: newId(), bookingId: id, eventId, createdAt: input.now })))
  })
  return { bookingId: id, eventId, gradeId: grade.id, amount: grade.price * quantity, capacity: grade.capacity }
}

export async function remainingSeats(db: Db, gradeId: string) {
  const [row] = await db.select({ remaining: seatGrades.remaining }).from(seatGrades).where(eq(seatGrades.id, gradeId))
  return row!.remaining
}

export async function bookingStatus(db: Db, bookingId: string) {
  const [row] = await db.select({ status: bookings.status }).from(bookings).where(eq(bookings.id, bookingId))
  return row!.status
}
