// The gate (암표 방지 at the door): a ticket admits only the account that holds it. The holder's app shows a pass —
// a signed token naming the ticket, the event and the holder, good for one minute, so a screenshot sold on is stale
// before it is used — and staff scan it. Check-in happens once: the booking and ticket rows are locked, the ticket
// must still be valid, its booking confirmed and still the pass's holder's; then it is `used`, with when and by
// whom. A paid cancellation decides its refund under the same booking lock (booking.payments.ts), so a ticket is
// either let in or refunded, never both.
import { createSigner, createVerifier, TokenError } from 'fast-jwt'
import type { Db } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { Principal } from '../../kernel/principal.ts'
import { alreadyUsed, passExpired, passInvalid, ticketNotFound, ticketNotValid, wrongEvent } from './booking.errors.ts'
import { bookingRepository as repo } from './booking.repository.ts'
import type { CheckedIn, CheckInInput } from './booking.schemas.ts'

/** How long a pass is good for; the holder's app asks for a new one well before. */
export const PASS_TTL_SECONDS = 60
const AUDIENCE = 'trusticket-gate'

export interface GateDeps {
  db: Db
  clock: Clock
  /** Signs passes; shared by every process (its own key, not the access tokens'). */
  secret: string
  /** The holder's name, shown to staff so they can match it against an ID when in doubt. */
  holderName: (userId: string) => Promise<string | undefined>
}

export function createGate(deps: GateDeps) {
  const { db, clock } = deps
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000)
  const sign = createSigner({ key: deps.secret, algorithm: 'HS256', aud: AUDIENCE })
  // Expiry is checked against the injected clock below, as for access tokens.
  const verify = createVerifier({
    key: deps.secret,
    algorithms: ['HS256'],
    allowedAud: AUDIENCE,
    requiredClaims: ['sub', 'tid', 'evt', 'exp'],
    ignoreExpiration: true,
  })

  return {
    /** A pass for one of the principal's tickets; anyone else's ticket is 404, a ticket that admits no one 409. */
    async issuePass(principal: Principal, ticketId: string) {
      const row = await repo.ticketWithBooking(db, ticketId)
      if (!row || row.userId !== principal.userId) throw ticketNotFound()
      if (row.bookingStatus !== 'confirmed') throw ticketNotValid(`its booking is ${row.bookingStatus}`)
      if (row.status !== 'valid') throw ticketNotValid(`it is ${row.status}`)
      const iat = nowSeconds()
      const exp = iat + PASS_TTL_SECONDS
      return {
        pass: sign({ sub: principal.userId, tid: row.id, evt: row.eventId, iat, exp }),
        expiresAt: new Date(exp * 1000).toISOString(),
      }
    },

    /** Lets a pass's holder in at the gate of `eventId`, once. */
    async checkIn(staff: Principal, input: CheckInInput): Promise<CheckedIn> {
      let claims: { sub: string; tid: string; evt: string; exp: number }
      try {
        claims = verify(input.pass)
      } catch (error) {
        if (error instanceof TokenError) throw passInvalid()
        throw error
      }
      if (typeof claims.tid !== 'string' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number')
        throw passInvalid()
      if (claims.exp <= nowSeconds()) throw passExpired()
      if (claims.evt !== input.eventId) throw wrongEvent()
      const at = clock.now()
      const admitted = await db.transaction(async (tx) => {
        // Locks in the order every booking change takes them, booking then tickets, so that a scan racing a
        // cancellation waits for it instead of deadlocking with it.
        const found = await repo.ticketWithBooking(tx, claims.tid)
        if (!found) throw ticketNotFound()
        await repo.find(tx, found.bookingId, { lock: true })
        const row = await repo.ticketWithBooking(tx, claims.tid, { lock: true })
        if (!row) throw ticketNotFound()
        if (row.status === 'used') throw alreadyUsed(row.usedAt)
        if (row.userId !== claims.sub) throw ticketNotValid('it no longer belongs to the pass holder')
        if (row.bookingStatus !== 'confirmed') throw ticketNotValid(`its booking is ${row.bookingStatus}`)
        if (row.status !== 'valid') throw ticketNotValid(`it is ${row.status}`)
        await repo.markUsed(tx, row.id, at, staff.userId)
        return row
      })
      return {
        ticketId: admitted.id,
        eventId: admitted.eventId,
        bookingId: admitted.bookingId,
        gradeId: admitted.gradeId,
        holder: { name: (await deps.holderName(admitted.userId)) ?? null },
        checkedInAt: at.toISOString(),
      }
    },
  }
}

export type Gate = ReturnType<typeof createGate>
