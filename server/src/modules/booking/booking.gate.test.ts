// The gate: a ticket admits its holder once, on a fresh pass, and no one else.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { type Account, insertAccount, insertHeldBooking, PAYMENTS_JWT_SECRET } from '../../../test/payments-factory.ts'
import { manualClock } from '../../kernel/clock.ts'
import { bookings, tickets } from './booking.tables.ts'

describe.each(storages)('checking in at the gate on %s', (storage) => {
  let app: TestApp
  let clock: ReturnType<typeof manualClock>
  let fan: Account
  let staff: Account
  beforeEach(async () => {
    clock = manualClock(new Date())
    app = await startTestApp(storage, { JWT_SECRET: PAYMENTS_JWT_SECRET }, { clock })
    fan = await insertAccount(app.database.db, clock.now())
    staff = await insertAccount(app.database.db, clock.now(), 'staff')
  })
  afterEach(() => app.close())

  const db = () => app.database.db
  /** A paid booking of two tickets for the fan. */
  const confirmed = async () => {
    const b = await insertHeldBooking(db(), {
      userId: fan.id,
      now: clock.now(),
      payBy: new Date(clock.now().getTime() + 600_000),
    })
    await db().update(bookings).set({ status: 'confirmed' }).where(eq(bookings.id, b.bookingId))
    const ids = (await db().select({ id: tickets.id }).from(tickets).where(eq(tickets.bookingId, b.bookingId))).map(
      (t) => t.id,
    )
    return { ...b, ticketIds: ids }
  }
  const passFor = (ticketId: string, who: Account = fan) =>
    app.http.inject({ method: 'POST', url: `/api/tickets/${ticketId}/pass`, headers: who.headers })
  const checkIn = (pass: string, eventId: string, who: Account = staff) =>
    app.http.inject({ method: 'POST', url: '/api/gate/check-in', headers: who.headers, payload: { pass, eventId } })
  const ticketStatus = async (id: string) =>
    (await db().select({ status: tickets.status }).from(tickets).where(eq(tickets.id, id)))[0]!.status

  it('admits the holder once, names them to staff, and records when and by whom', async () => {
    const b = await confirmed()
    const issued = await passFor(b.ticketIds[0]!)
    expect(issued.statusCode).toBe(200)
    expect(new Date(issued.json().expiresAt).getTime()).toBe(Math.floor(clock.now().getTime() / 1000) * 1000 + 60_000)

    const admitted = await checkIn(issued.json().pass, b.eventId)
    expect(admitted.statusCode).toBe(200)
    expect(admitted.json()).toMatchObject({
      ticketId: b.ticketIds[0],
      eventId: b.eventId,
      bookingId: b.bookingId,
      holder: { name: '결제 팬' },
      checkedInAt: clock.now().toISOString(),
    })
    const [row] = await db().select().from(tickets).where(eq(tickets.id, b.ticketIds[0]!))
    expect(row).toMatchObject({ status: 'used', checkedInBy: staff.id, usedAt: clock.now() })
    // The booking's other ticket is untouched, and the owner sees the used one as used.
    expect(await ticketStatus(b.ticketIds[1]!)).toBe('valid')
    const seen = (await app.http.inject({ url: `/api/bookings/${b.bookingId}`, headers: fan.headers })).json()
    expect(seen.tickets.find((t: { id: string }) => t.id === b.ticketIds[0]).status).toBe('used')

    const again = await checkIn(issued.json().pass, b.eventId)
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('gate.already_used')
    expect((await passFor(b.ticketIds[0]!)).json().code).toBe('ticket.not_valid')
  })

  it('lets one of many simultaneous scans of the same pass through, and refuses the rest', async () => {
    const b = await confirmed()
    const { pass } = (await passFor(b.ticketIds[0]!)).json()
    const answers = await Promise.all(Array.from({ length: 16 }, () => checkIn(pass, b.eventId)))
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1)
    const refused = answers.filter((a) => a.statusCode !== 200)
    expect(refused.map((a) => [a.statusCode, a.json().code])).toEqual(
      Array.from({ length: 15 }, () => [409, 'gate.already_used']),
    )
  })

  it('gives passes only to the holder, and only for a ticket that admits someone', async () => {
    const b = await confirmed()
    const other = await insertAccount(db(), clock.now())
    expect((await passFor(b.ticketIds[0]!, other)).statusCode).toBe(404)
    expect((await passFor('no-such-ticket')).statusCode).toBe(404)
    const unpaid = await insertHeldBooking(db(), {
      userId: fan.id,
      now: clock.now(),
      payBy: new Date(clock.now().getTime() + 600_000),
    })
    const [ticket] = await db().select().from(tickets).where(eq(tickets.bookingId, unpaid.bookingId))
    const refused = await passFor(ticket!.id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('ticket.not_valid')
  })

  it('refuses a stale, altered, foreign or misdirected pass, and anyone but staff, changing nothing', async () => {
    const b = await confirmed()
    const { pass } = (await passFor(b.ticketIds[0]!)).json()
    const [head, body, signature] = pass.split('.')
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString())
    const altered = `${head}.${Buffer.from(JSON.stringify({ ...claims, tid: b.ticketIds[1] })).toString('base64url')}.${signature}`
    const refusals = [
      [await checkIn(altered, b.eventId), 400, 'gate.pass_invalid'],
      [await checkIn(fan.token, b.eventId), 400, 'gate.pass_invalid'], // an access token is not a pass
      [await checkIn('not-a-pass', b.eventId), 400, 'gate.pass_invalid'],
      [await checkIn(pass, 'another-event'), 409, 'gate.wrong_event'],
      [await checkIn(pass, b.eventId, fan), 403, 'auth.forbidden'],
    ] as const
    for (const [answer, status, code] of refusals) {
      expect(answer.statusCode).toBe(status)
      expect(answer.headers['content-type']).toContain('application/problem+json')
      expect(answer.json().code).toBe(code)
    }
    clock.advance(60_000)
    const stale = await checkIn(pass, b.eventId)
    expect([stale.statusCode, stale.json().code]).toEqual([409, 'gate.pass_expired'])
    expect(await ticketStatus(b.ticketIds[0]!)).toBe('valid')
    expect(await ticketStatus(b.ticketIds[1]!)).toBe('valid')
  })

  it('admits no one on a booking cancelled after its pass was shown, and a used booking cannot be cancelled', async () => {
    const b = await confirmed()
    const { pass } = (await passFor(b.ticketIds[0]!)).json()
    await db().update(bookings).set({ status: 'cancelled' }).where(eq(bookings.id, b.bookingId))
    const refused = await checkIn(pass, b.eventId)
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'ticket.not_valid'])

    const used = await confirmed()
    const admitted = await checkIn((await passFor(used.ticketIds[0]!)).json().pass, used.eventId)
    expect(admitted.statusCode).toBe(200)
    const cancel = await app.http.inject({
      method: 'POST',
      url: `/api/bookings/${used.bookingId}/cancel`,
      headers: fan.headers,
    })
    expect([cancel.statusCode, cancel.json().code]).toEqual([409, 'booking.not_cancellable'])
  })

  it('never both lets a ticket in and refunds its booking, when the cancellation and the scan race', async () => {
    for (let round = 0; round < 6; round++) {
      const b = await insertHeldBooking(db(), {
        userId: fan.id,
        now: clock.now(),
        payBy: new Date(clock.now().getTime() + 600_000),
      })
      // Paid through the built-in test provider, as a fan would.
      const start = (
        await app.http.inject({ method: 'POST', url: `/api/bookings/${b.bookingId}/payments`, headers: fan.headers })
      ).json()
      const decided = (
        await app.http.inject({
          method: 'POST',
          url: start.checkout.url,
          payload: { decision: 'approve' },
          headers: fan.headers,
        })
      ).json()
      const paid = await app.http.inject({
        method: 'POST',
        url: `/api/payments/${start.paymentId}/complete`,
        headers: fan.headers,
        payload: { providerPaymentId: decided.providerPaymentId },
      })
      expect(paid.json().status).toBe('paid')
      const [ticket] = await db().select().from(tickets).where(eq(tickets.bookingId, b.bookingId))
      const { pass } = (await passFor(ticket!.id)).json()

      const cancelling = () =>
        app.http.inject({ method: 'POST', url: `/api/bookings/${b.bookingId}/cancel`, headers: fan.headers })
      // Each order of arrival, in turn.
      const [cancel, scan] = (
        round % 2 === 0
          ? await Promise.all([cancelling(), checkIn(pass, b.eventId)])
          : (await Promise.all([checkIn(pass, b.eventId), cancelling()])).reverse()
      ) as [Awaited<ReturnType<typeof cancelling>>, Awaited<ReturnType<typeof cancelling>>]
      const admitted = scan.statusCode === 200
      const refunded = cancel.statusCode === 200
      expect(admitted !== refunded).toBe(true)
      const [after] = await db().select().from(bookings).where(eq(bookings.id, b.bookingId))
      if (admitted) {
        expect([cancel.statusCode, cancel.json().code]).toEqual([409, 'booking.not_cancellable'])
        expect([after!.status, await ticketStatus(ticket!.id)]).toEqual(['confirmed', 'used'])
      } else {
        expect([scan.statusCode, scan.json().code]).toEqual([409, 'ticket.not_valid'])
        expect([after!.status, await ticketStatus(ticket!.id)]).toEqual(['cancelled', 'cancelled'])
      }
    }
  })
})
