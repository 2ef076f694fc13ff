// Bots pay to enter: an event's proof-of-work (ALTCHA PoW v2), solved here with altcha-lib's own solver as a browser
// would, and every way a proof can be wrong refused with 403 while nothing changes.
import { solveChallenge } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'
import type { Challenge } from 'altcha-lib/types'
import { afterEach, describe, expect, it } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { bearer, refreshed, type SignedUp, signup } from '../../../test/factories.ts'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { manualClock } from '../../kernel/clock.ts'
import { CHALLENGE_TTL_MS } from './queue.challenge.ts'

/** Within a challenge's 30 minutes: a fan who fetched theirs earlier than that gets a new one. */
const OPENS_IN = 20 * 60_000
const encode = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64')

describe.each(storages)('proof-of-work to join on %s', (storage) => {
  let app: TestApp
  afterEach(() => app?.close())

  const challengeFor = async (fan: SignedUp, eventId: string) => {
    const r = await app.http.inject({ url: `/api/events/${eventId}/queue/challenge`, headers: bearer(fan.accessToken) })
    expect(r.statusCode).toBe(200)
    return r.json() as Challenge
  }
  const solve = async (challenge: Challenge) => {
    const solution = await solveChallenge({ challenge, deriveKey })
    expect(solution).not.toBeNull()
    return encode({ challenge, solution })
  }
  const join = (eventId: string, gradeId: string, fan: SignedUp, proof?: string) =>
    app.http.inject({
      method: 'POST',
      url: `/api/events/${eventId}/queue`,
      headers: bearer(fan.accessToken),
      payload: { gradeId, quantity: 1, ...(proof !== undefined && { proof }) },
    })
  const entryOf = async (eventId: string, fan: SignedUp) =>
    (await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: bearer(fan.accessToken) })).statusCode

  it('admits a solved proof of this account and event, and refuses a missing, foreign, tampered or reused one', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const { eventId, grades } = await insertEvent(app.database.db)
    await app.database.db.execute(
      (await import('drizzle-orm')).sql`update events set entry_challenge = '{"cost": 30}' where id = ${eventId}`,
    )
    const event = (await app.http.inject({ url: `/api/events/${eventId}` })).json()
    expect(event.entryChallenge).toEqual({ cost: 30 })
    const [fan, other] = [await signup(app.http), await signup(app.http)]
    const gradeId = grades[0]!.id

    const challenge = await challengeFor(fan, eventId)
    expect(challenge.parameters).toMatchObject({ algorithm: 'PBKDF2/SHA-256', cost: 1000, data: { eventId } })
    const proof = await solve(challenge)
    const refused = async (r: Awaited<ReturnType<typeof join>>) => {
      expect(r.statusCode).toBe(403)
      expect(r.json().code).toBe('queue.challenge_failed')
    }
    await refused(await join(eventId, gradeId, fan))
    await refused(await join(eventId, gradeId, fan, encode({ nonsense: true })))
    // Another account's solved proof proves nothing for this one.
    await refused(await join(eventId, gradeId, other, proof))
    // Rewriting whom it is for breaks the signature.
    const stolen = JSON.parse(Buffer.from(proof, 'base64').toString())
    stolen.challenge.parameters.data.userId = other.user.id
    await refused(await join(eventId, gradeId, other, encode(stolen)))
    // A made-up key for the right challenge (the key is what is checked, against its signature).
    const wrong = JSON.parse(Buffer.from(proof, 'base64').toString())
    wrong.solution.derivedKey = wrong.solution.derivedKey.replace(/^./, (c: string) => (c === '0' ? '1' : '0'))
    await refused(await join(eventId, gradeId, fan, encode(wrong)))
    expect(await entryOf(eventId, fan)).toBe(404)
    expect(await entryOf(eventId, other)).toBe(404)

    expect((await join(eventId, gradeId, fan, proof)).statusCode).toBe(202)
    // Spent: after leaving, the same proof does not let the account in again.
    await app.http.inject({
      method: 'DELETE',
      url: `/api/events/${eventId}/queue/me`,
      headers: bearer(fan.accessToken),
    })
    await refused(await join(eventId, gradeId, fan, proof))
    expect((await join(eventId, gradeId, fan, await solve(await challengeFor(fan, eventId)))).statusCode).toBe(202)
  })

  it('a proof sent before the opening stays good for it, until it expires', async () => {
    const clock = manualClock(new Date())
    app = await startTestApp(storage, { RATE_LIMITS: 'off' }, { clock })
    const now = clock.now().getTime()
    const { eventId, grades } = await insertEvent(app.database.db, {
      saleOpensAt: new Date(now + OPENS_IN),
      now: new Date(now),
    })
    const { sql } = await import('drizzle-orm')
    await app.database.db.execute(sql`update events set entry_challenge = '{"cost": 10}' where id = ${eventId}`)
    const [early, late] = [await signup(app.http), await signup(app.http)]
    const proof = await solve(await challengeFor(early, eventId))
    expect((await join(eventId, grades[0]!.id, early, proof)).json().code).toBe('queue.not_open')
    const lateProof = await solve(await challengeFor(late, eventId))

    // Access tokens last 15 minutes on the same clock: the fans refresh theirs, as the web app does.
    clock.advance(OPENS_IN)
    expect((await join(eventId, grades[0]!.id, await refreshed(app.http, early), proof)).statusCode).toBe(202)
    clock.advance(CHALLENGE_TTL_MS)
    const expired = await join(eventId, grades[0]!.id, await refreshed(app.http, late), lateProof)
    expect(expired.statusCode).toBe(403)
    expect(expired.json().detail).toMatch(/expired/)
  })

  it('an event without proof-of-work has no challenge and takes joins without one', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const { eventId, grades } = await insertEvent(app.database.db)
    const fan = await signup(app.http)
    const none = await app.http.inject({
      url: `/api/events/${eventId}/queue/challenge`,
      headers: bearer(fan.accessToken),
    })
    expect(none.statusCode).toBe(404)
    expect(none.json().code).toBe('queue.no_challenge')
    expect((await join(eventId, grades[0]!.id, fan)).statusCode).toBe(202)
  })
})
