// Inserts events and seat grades straight into the catalog tables, for tests that need an event on sale now.
import type { Db } from '../src/adapters/db/database.ts'
import { newId } from '../src/kernel/ids.ts'
import { events, type PaymentDeadlinePolicy, seatGrades } from '../src/modules/catalog/catalog.tables.ts'

export interface EventSpec {
  organizerId?: string
  saleOpensAt?: Date
  saleClosesAt?: Date
  startsAt?: Date
  perUserLimit?: number
  paymentDeadline?: PaymentDeadlinePolicy
  grades?: { name: string; price: number; capacity: number }[]
  requireIdentity?: boolean
  minAge?: number | null
  preQueueOpensAt?: Date | null
  /** What "now" is for the defaults (sale open from an hour before to a day after). */
  now?: Date
}

const HOUR = 3_600_000

export async function insertEvent(db: Db, spec: EventSpec = {}) {
  const now = (spec.now ?? new Date()).getTime()
  const id = newId()
  await db.insert(events).values({
    id,
    organizerId: spec.organizerId ?? newId(),
    title: '아이유 콘서트 <HER>',
    category: 'concert',
    performers: ['아이유'],
    venueName: 'KSPO DOME',
    venueCity: '서울',
    startsAt: spec.startsAt ?? new Date(now + 30 * 24 * HOUR),
    saleOpensAt: spec.saleOpensAt ?? new Date(now - HOUR),
    saleClosesAt: spec.saleClosesAt ?? new Date(now + 24 * HOUR),
    perUserLimit: spec.perUserLimit ?? 4,
    paymentDeadline: spec.paymentDeadline ?? { policy: 'end_of_day' },
    requireIdentity: spec.requireIdentity ?? false,
    minAge: spec.minAge ?? null,
    preQueueOpensAt: spec.preQueueOpensAt ?? null,
  })
  const gradeSpecs = spec.grades ?? [{ name: 'R석', price: 154_000, capacity: 100 }]
  const grades = gradeSpecs.map((g, i) => ({
    id: newId(),
    eventId: id,
    position: i,
    name: g.name,
    price: g.price,
    capacity: g.capacity,
    remaining: g.capacity,
  }))
  await db.insert(seatGrades).values(grades)
  return { eventId: id, grades }
}
