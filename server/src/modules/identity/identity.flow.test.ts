// 본인인증 end to end through the HTTP API: the test provider's window, one person per account and one account per
// person (also under concurrent attempts), what is kept of a person, and PortOne certifications over the double.
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { bearer, closeAccount, refreshed, type SignedUp, signup } from '../../../test/factories.ts'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { type PortOneDouble, startPortOneDouble } from '../../../test/portone-double.ts'
import { createPortOneIdentityProvider } from '../../adapters/identity-provider/portone.ts'
import { personHashOf } from './identity.rules.ts'

describe.each(storages)('identity verification on %s', (storage) => {
  let app: TestApp
  let double: PortOneDouble | undefined
  afterEach(async () => {
    await app?.close()
    await double?.close()
    double = undefined
  })

  const post = (url: string, token: string, payload?: object) =>
    app.http.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) })
  const me = async (fan: SignedUp) =>
    (await app.http.inject({ url: '/api/me', headers: bearer(fan.accessToken) })).json()
  const open = async (fan: SignedUp) => {
    const started = await post('/api/me/identity-verifications', fan.accessToken)
    expect(started.statusCode).toBe(201)
    return started.json() as { verificationId: string; provider: string; checkout: { url: string } }
  }
  /** The fan names a person in the test window, then completes: the two steps the web app takes. */
  const verifyAs = async (fan: SignedUp, person: string, birthDate = '1995-03-14') => {
    const { verificationId, checkout } = await open(fan)
    const named = await post(checkout.url, fan.accessToken, { person, birthDate })
    expect(named.statusCode).toBe(200)
    return post(`/api/me/identity-verifications/${verificationId}/complete`, fan.accessToken, named.json())
  }
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await app.database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows

  it('verifies with the test provider, keeps only a keyed hash and the birth year, and the provider forgets', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const fan = await signup(app.http)
    expect((await me(fan)).identityVerified).toBe(false)
    const started = await open(fan)
    expect(started.provider).toBe('test')
    const page = await app.http.inject({ url: started.checkout.url })
    expect(page.headers['content-type']).toMatch(/text\/html/)

    const named = await post(started.checkout.url, fan.accessToken, { person: 'CI-김민지-1', birthDate: '1995-03-14' })
    const done = await post(`/api/me/identity-verifications/${started.verificationId}/complete`, fan.accessToken, {
      providerVerificationId: named.json().providerVerificationId,
    })
    expect(done.statusCode).toBe(200)
    expect(done.json()).toMatchObject({ identityVerified: true, verifiedAt: expect.any(String) })
    expect((await me(fan)).identityVerified).toBe(true)

    const [link] = await rows(sql`select person_hash, birth_year from identity_links where user_id = ${fan.user.id}`)
    expect(link).toMatchObject({ birth_year: 1995 })
    expect(link!.person_hash).not.toContain('김민지')
    expect(link!.person_hash).toHaveLength(43) // HMAC-SHA256, base64url
    // The provider's copy of the person is gone: nothing anywhere holds the CI any more.
    expect(await rows(sql`select * from test_provider_certifications`)).toEqual([])
    const dump = JSON.stringify([
      await rows(sql`select * from identity_links`),
      await rows(sql`select * from identity_verifications`),
    ])
    expect(dump).not.toContain('CI-김민지-1')

    // Completing again answers the same and changes nothing.
    const again = await post(`/api/me/identity-verifications/${started.verificationId}/complete`, fan.accessToken, {
      providerVerificationId: named.json().providerVerificationId,
    })
    expect(again.json()).toEqual(done.json())
  })

  it('one person, one account: a second account is refused until the first is closed (회원탈퇴)', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const [first, second] = [await signup(app.http), await signup(app.http)]
    expect((await verifyAs(first, 'CI-person-A')).statusCode).toBe(200)
    const refused = await verifyAs(second, 'CI-person-A')
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('identity.already_linked')
    expect((await me(second)).identityVerified).toBe(false)
    // The same account cannot become another person.
    const other = await verifyAs(first, 'CI-person-B')
    expect(other.statusCode).toBe(409)
    expect(other.json().code).toBe('identity.other_person')

    const closed = await closeAccount(app.http, first)
    expect(closed.statusCode).toBe(204)
    expect((await verifyAs(second, 'CI-person-A')).statusCode).toBe(200)
    expect((await rows(sql`select user_id from identity_links`)).map((r) => r.user_id)).toEqual([second.user.id])
  })

  it('a person who closes an account and verifies a new one shares one per-person cap across both (requireIdentity)', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const { eventId, grades } = await insertEvent(app.database.db, { requireIdentity: true, perUserLimit: 4 })
    const plain = await insertEvent(app.database.db, { perUserLimit: 4 })
    const join = (fan: SignedUp, quantity: number, event = { eventId, grades }) =>
      post(`/api/events/${event.eventId}/queue`, fan.accessToken, { gradeId: event.grades[0]!.id, quantity })
    const first = await signup(app.http)
    expect((await verifyAs(first, 'CI-person-C')).statusCode).toBe(200)
    expect((await join(await refreshed(app.http, first), 3)).statusCode).toBe(202)
    const closed = await closeAccount(app.http, first)
    expect(closed.statusCode).toBe(204)

    // The same person, a new account: 3 of the 4 are taken through the closed one.
    const second = await signup(app.http)
    expect((await verifyAs(second, 'CI-person-C')).statusCode).toBe(200)
    const back = await refreshed(app.http, second)
    const over = await join(back, 2)
    expect(over.statusCode).toBe(409)
    expect(over.json().code).toBe('queue.person_limit')
    expect(
      (await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: bearer(back.accessToken) })).statusCode,
    ).toBe(404)
    expect((await join(back, 1)).statusCode).toBe(202)
    // An event that does not count per person counts per account, as before.
    expect((await join(back, 4, plain)).statusCode).toBe(202)
    // Someone else verifying afresh is not affected.
    const stranger = await signup(app.http)
    expect((await verifyAs(stranger, 'CI-person-D')).statusCode).toBe(200)
    expect((await join(await refreshed(app.http, stranger), 4)).statusCode).toBe(202)
  })

  it('under 20 accounts verifying as one person at once, exactly one is linked', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const fans = await Promise.all(Array.from({ length: 20 }, () => signup(app.http)))
    // Every window named first, then every completion at once: the race is in the link, not the windows.
    const named = await Promise.all(
      fans.map(async (fan) => {
        const { verificationId, checkout } = await open(fan)
        const answer = await post(checkout.url, fan.accessToken, { person: 'CI-scalper', birthDate: '1990-01-01' })
        return { fan, verificationId, providerVerificationId: answer.json().providerVerificationId as string }
      }),
    )
    const outcomes = await Promise.all(
      named.map(({ fan, verificationId, providerVerificationId }) =>
        post(`/api/me/identity-verifications/${verificationId}/complete`, fan.accessToken, { providerVerificationId }),
      ),
    )
    const codes = outcomes.map((o) => o.statusCode).sort()
    expect(codes).toEqual([200, ...Array(19).fill(409)])
    expect(await rows(sql`select count(*)::int as n from identity_links`)).toEqual([{ n: 1 }])
    const winner = named[outcomes.findIndex((o) => o.statusCode === 200)]!.fan
    expect((await me(winner)).identityVerified).toBe(true)
  })

  it('refuses what proves nothing: another account’s window, an unfinished one, a foreign provider id, bad input', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const [fan, stranger] = [await signup(app.http), await signup(app.http)]
    const mine = await open(fan)
    // The stranger can neither name a person in my window nor complete it.
    expect(
      (await post(mine.checkout.url, stranger.accessToken, { person: 'x', birthDate: '1990-01-01' })).statusCode,
    ).toBe(404)
    const theirs = await open(stranger)
    const named = await post(theirs.checkout.url, stranger.accessToken, {
      person: 'CI-stranger',
      birthDate: '1990-01-01',
    })
    const foreign = named.json().providerVerificationId as string
    expect(
      (
        await post(`/api/me/identity-verifications/${theirs.verificationId}/complete`, fan.accessToken, {
          providerVerificationId: foreign,
        })
      ).statusCode,
    ).toBe(404)
    // My window with the stranger's provider record: it certifies someone, but not in this window.
    expect(
      (
        await post(`/api/me/identity-verifications/${mine.verificationId}/complete`, fan.accessToken, {
          providerVerificationId: foreign,
        })
      ).statusCode,
    ).toBe(404)
    // Unfinished: the window exists at the provider but no person was named.
    const unfinished = await app.database.db.execute(
      sql`select id from test_provider_certifications where merchant_uid = ${mine.verificationId}`,
    )
    const unfinishedId = ((unfinished as unknown as { rows: { id: string }[] }).rows ??
      (unfinished as unknown as { id: string }[]))[0]!.id
    const early = await post(`/api/me/identity-verifications/${mine.verificationId}/complete`, fan.accessToken, {
      providerVerificationId: unfinishedId,
    })
    expect(early.statusCode).toBe(422)
    expect(early.json().code).toBe('identity.not_certified')
    for (const body of [{ person: 'x', birthDate: '1990-13-01x' }, { person: '', birthDate: '1990-01-01' }, {}])
      expect((await post(mine.checkout.url, fan.accessToken, body)).statusCode).toBe(400)
    expect(
      (
        await post(`/api/me/identity-verifications/${mine.verificationId}/complete`, fan.accessToken, {
          providerVerificationId: '../x',
        })
      ).statusCode,
    ).toBe(400)
    expect((await app.http.inject({ method: 'POST', url: '/api/me/identity-verifications' })).statusCode).toBe(401)
    expect(await rows(sql`select count(*)::int as n from identity_links`)).toEqual([{ n: 0 }])
  })

  it('verifies through PortOne certifications over the double, reading the CI and deleting PortOne’s copy', async () => {
    double = await startPortOneDouble()
    const provider = createPortOneIdentityProvider({
      apiKey: double.apiKey,
      apiSecret: double.apiSecret,
      baseUrl: double.url,
      impCode: 'imp12345678',
      pg: 'inicis_unified.MIIiasTest',
      timeoutMs: 500,
      attempts: 2,
      backoffMs: 1,
    })
    app = await startTestApp(storage, { RATE_LIMITS: 'off' }, { identityProvider: provider })
    const [fan, twin] = [await signup(app.http), await signup(app.http)]
    const started = (await post('/api/me/identity-verifications', fan.accessToken)).json()
    expect(started).toMatchObject({
      provider: 'portone',
      checkout: { impCode: 'imp12345678', pg: 'inicis_unified.MIIiasTest', merchantUid: started.verificationId },
    })
    // The test window's routes are not served with PortOne.
    expect(
      (await app.http.inject({ url: `/api/identity/test-verification/${started.verificationId}` })).statusCode,
    ).toBe(404)

    const abandoned = double.certify({
      merchantUid: started.verificationId,
      ci: 'CI-real',
      birthday: '2001-07-30',
      certified: false,
    })
    expect(
      (
        await post(`/api/me/identity-verifications/${started.verificationId}/complete`, fan.accessToken, {
          providerVerificationId: abandoned,
        })
      ).statusCode,
    ).toBe(422)
    const impUid = double.certify({ merchantUid: started.verificationId, ci: 'CI-real', birthday: '2001-07-30' })
    const done = await post(`/api/me/identity-verifications/${started.verificationId}/complete`, fan.accessToken, {
      providerVerificationId: impUid,
    })
    expect(done.statusCode).toBe(200)
    expect(double.certification(impUid)).toBeUndefined()
    const key = (await rows(sql`select person_hash, birth_year from identity_links`))[0]!
    expect(key.birth_year).toBe(2001)
    expect(key.person_hash).not.toBe(personHashOf('', 'CI-real'))

    // The same person (the same CI, a different DI as another store would see) on another account.
    const second = (await post('/api/me/identity-verifications', twin.accessToken)).json()
    const again = double.certify({ merchantUid: second.verificationId, ci: 'CI-real', birthday: '2001-07-30' })
    const refused = await post(`/api/me/identity-verifications/${second.verificationId}/complete`, twin.accessToken, {
      providerVerificationId: again,
    })
    expect(refused.json().code).toBe('identity.already_linked')

    // PortOne down: 503 identity.provider_unavailable, nothing kept.
    const third = (await post('/api/me/identity-verifications', twin.accessToken)).json()
    const later = double.certify({ merchantUid: third.verificationId, ci: 'CI-other', birthday: '1980-02-02' })
    double.failNext('certification', { kind: '5xx' }, 2)
    const down = await post(`/api/me/identity-verifications/${third.verificationId}/complete`, twin.accessToken, {
      providerVerificationId: later,
    })
    expect(down.statusCode).toBe(503)
    expect(down.json().code).toBe('identity.provider_unavailable')
    expect((await me(twin)).identityVerified).toBe(false)
  })
})
