// Property tests for the allocation rules and the payment deadline.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allocate, type EntryToAllocate, payBy, seatsToTake } from './booking.rules.ts'

const NOW = new Date('2026-03-01T03:00:00Z')
const GRADES = ['g1', 'g2', 'g3']

const entries = fc
  .array(
    fc.record({
      userId: fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6'),
      gradeId: fc.constantFrom(...GRADES, 'gone'),
      quantity: fc.integer({ min: 1, max: 4 }),
      status: fc.constantFrom<EntryToAllocate['status']>('waiting', 'waiting', 'waiting', 'left'),
    }),
    { maxLength: 60 },
  )
  .map((xs) => xs.map((x, i) => ({ ...x, number: i + 1, joinedAt: NOW })))
const terms = fc.record({
  startsAt: fc.constant(new Date('2026-04-01T10:00:00Z')),
  saleClosesAt: fc.constant(new Date('2026-03-31T00:00:00Z')),
  perUserLimit: fc.integer({ min: 1, max: 6 }),
  grades: fc.tuple(
    ...GRADES.map((id) =>
      fc.record({
        id: fc.constant(id),
        price: fc.integer({ min: 0, max: 300_000 }),
        remaining: fc.integer({ min: 0, max: 20 }),
      }),
    ),
  ),
})
const held = fc.dictionary(fc.constantFrom('u1', 'u2', 'u3', 'u4', 'u5', 'u6'), fc.integer({ min: 0, max: 4 }))

describe('allocation', () => {
  it('never sells more than a grade has, nor more than an account may hold', () => {
    fc.assert(
      fc.property(entries, terms, held, (es, t, h) => {
        const holding = new Map(Object.entries(h))
        const decisions = allocate(es, t, holding, NOW)
        for (const { gradeId, quantity } of seatsToTake(decisions))
          expect(quantity).toBeLessThanOrEqual(t.grades.find((g) => g.id === gradeId)!.remaining)
        const perUser = new Map(holding)
        for (const d of decisions)
          if (d.outcome === 'book') perUser.set(d.userId, (perUser.get(d.userId) ?? 0) + d.quantity)
        for (const [user, total] of perUser)
          if (total !== holding.get(user)) expect(total).toBeLessThanOrEqual(t.perUserLimit)
      }),
    )
  })

  it('gives every waiting entry exactly one decision, in number order, and none to entries that left', () => {
    fc.assert(
      fc.property(entries, terms, held, (es, t, h) => {
        const decisions = allocate(es, t, new Map(Object.entries(h)), NOW)
        expect(decisions.map((d) => d.number)).toEqual(es.filter((e) => e.status === 'waiting').map((e) => e.number))
      }),
    )
  })

  it('is first come, first served: with quantity 1, every winner of a grade precedes every sold-out entry of it', () => {
    fc.assert(
      fc.property(entries, terms, (es, t) => {
        const ones = es.map((e, i) => ({ ...e, quantity: 1, userId: `u${i}` }))
        const decisions = allocate(ones, t, new Map(), NOW)
        const gradeOf = new Map(ones.map((e) => [e.number, e.gradeId]))
        for (const g of GRADES) {
          const mine = decisions.filter((d) => gradeOf.get(d.number) === g)
          const won = mine.filter((d) => d.outcome === 'book').map((d) => d.number)
          const soldOut = mine.filter((d) => d.outcome === 'fail' && d.reason === 'sold_out').map((d) => d.number)
          if (won.length && soldOut.length) expect(Math.max(...won)).toBeLessThan(Math.min(...soldOut))
          expect(won.length).toBe(Math.min(t.grades.find((x) => x.id === g)!.remaining, mine.length))
        }
      }),
    )
  })

  it('charges price × quantity and fails with a reason otherwise', () => {
    fc.assert(
      fc.property(entries, terms, held, (es, t, h) => {
        for (const d of allocate(es, t, new Map(Object.entries(h)), NOW)) {
          if (d.outcome === 'book') expect(d.amount).toBe(t.grades.find((g) => g.id === d.gradeId)!.price * d.quantity)
          else expect(['sold_out', 'limit_exceeded']).toContain(d.reason)
        }
      }),
    )
  })

  it('fails entries with sale_closed once the event has started, or when joined after the sale closed', () => {
    const t = { startsAt: NOW, saleClosesAt: NOW, perUserLimit: 4, grades: [{ id: 'g1', price: 1, remaining: 10 }] }
    const e = { number: 1, userId: 'u', gradeId: 'g1', quantity: 1, status: 'waiting' as const, joinedAt: NOW }
    expect(allocate([e], t, new Map(), NOW)).toEqual([{ number: 1, outcome: 'fail', reason: 'sale_closed' }])
    const later = { ...t, startsAt: new Date(NOW.getTime() + 1e9), saleClosesAt: new Date(NOW.getTime() - 1) }
    expect(allocate([e], later, new Map(), NOW)[0]).toMatchObject({ reason: 'sale_closed' })
  })
})

describe('payment deadline', () => {
  const instants = fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2035-01-01T00:00:00Z'),
    noInvalidDate: true,
  })
  const seoul = (d: Date) => new Date(d.getTime() + 9 * 3_600_000)

  it('end_of_day is 23:59:59 in Seoul, at least 30 minutes away and on the booking day or the next', () => {
    fc.assert(
      fc.property(instants, (now) => {
        const due = payBy(now, { policy: 'end_of_day' })
        const local = seoul(due)
        expect([local.getUTCHours(), local.getUTCMinutes(), local.getUTCSeconds(), local.getUTCMilliseconds()]).toEqual(
          [23, 59, 59, 0],
        )
        expect(due.getTime() - now.getTime()).toBeGreaterThanOrEqual(29 * 60_000)
        expect(due.getTime() - now.getTime()).toBeLessThan(24.5 * 3_600_000)
        const sameDay = seoul(now).toISOString().slice(0, 10) === local.toISOString().slice(0, 10)
        const lastCall = seoul(now).getUTCHours() === 23 && seoul(now).getUTCMinutes() >= 30
        expect(sameDay).toBe(!lastCall)
      }),
    )
  })

  it('worked examples in Asia/Seoul', () => {
    const at = (iso: string) => payBy(new Date(iso), { policy: 'end_of_day' }).toISOString()
    expect(at('2026-03-01T14:00:00+09:00')).toBe('2026-03-01T14:59:59.000Z')
    expect(at('2026-03-01T23:29:59+09:00')).toBe('2026-03-01T14:59:59.000Z')
    expect(at('2026-03-01T23:30:00+09:00')).toBe('2026-03-02T14:59:59.000Z')
    expect(at('2026-03-01T00:10:00+09:00')).toBe('2026-03-01T14:59:59.000Z')
  })

  it('minutes adds exactly that many minutes', () => {
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 10_000 }), (now, minutes) => {
        expect(payBy(now, { policy: 'minutes', minutes }).getTime() - now.getTime()).toBe(minutes * 60_000)
      }),
    )
  })
})
