// An event's door: 본인인증 required, and an age limit (연 나이), checked on the join from the access token alone.
import { afterEach, describe, expect, it } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { bearer, type SignedUp, signup } from '../../../test/factories.ts'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'

const seoulYear = (d: Date) =>
  Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric' }).format(d))

describe.each(storages)('entry rules on %s', (storage) => {
  let app: TestApp
  afterEach(() => app?.close())

  const post = (url: string, token: string, payload?: object) =>
    app.http.inject({ method: 'POST', url, headers: bearer(token), ...(payload ? { payload } : {}) })
  /** 본인인증 with the test provider, then a refresh: the new access token carries the birth year. */
  const verified = async (fan: SignedUp, birthDate: string) => {
    const { verificationId, checkout } = (await post('/api/me/identity-verifications', fan.accessToken)).json()
    const named = await post(checkout.url, fan.accessToken, { person: `CI-${fan.user.id}`, birthDate })
    const done = await post(`/api/me/identity-verifications/${verificationId}/complete`, fan.accessToken, named.json())
    expect(done.statusCode).toBe(200)
    const refreshed = await app.http.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: fan.refreshToken },
    })
    return refreshed.json().accessToken as string
  }
  const join = (eventId: string, gradeId: string, token: string) =>
    post(`/api/events/${eventId}/queue`, token, { gradeId, quantity: 1 })

  it('an event requiring 본인인증 refuses an unverified account with 403 and stores nothing; verified, it admits', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const { eventId, grades } = await insertEvent(app.database.db, { requireIdentity: true })
    const fan = await signup(app.http)
    const refused = await join(eventId, grades[0]!.id, fan.accessToken)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('queue.identity_required')
    expect(
      (await app.http.inject({ url: `/api/events/${eventId}/queue/me`, headers: bearer(fan.accessToken) })).statusCode,
    ).toBe(404)

    const token = await verified(fan, '1998-05-05')
    // The token from before the verification still says nothing of it: the refreshed one does.
    expect((await join(eventId, grades[0]!.id, fan.accessToken)).statusCode).toBe(403)
    const admitted = await join(eventId, grades[0]!.id, token)
    expect(admitted.statusCode).toBe(202)
    // An open event takes anyone, verified or not.
    const open = await insertEvent(app.database.db)
    const other = await signup(app.http)
    expect((await join(open.eventId, open.grades[0]!.id, other.accessToken)).statusCode).toBe(202)
  })

  it('an age limit counts 연 나이 in the event’s year: born that many years before it, in any month, is enough', async () => {
    app = await startTestApp(storage, { RATE_LIMITS: 'off' })
    const { eventId, grades } = await insertEvent(app.database.db, { minAge: 19 })
    const event = (await app.http.inject({ url: `/api/events/${eventId}` })).json()
    // An age limit can only be checked on a verified person: the event says so.
    expect(event).toMatchObject({ requireIdentity: true, minAge: 19 })
    const year = seoulYear(new Date(event.startsAt))

    const [young, ofAge, unverified] = [await signup(app.http), await signup(app.http), await signup(app.http)]
    const tooYoung = await join(eventId, grades[0]!.id, await verified(young, `${year - 18}-01-01`))
    expect(tooYoung.statusCode).toBe(403)
    expect(tooYoung.json().code).toBe('queue.age_restricted')
    expect((await join(eventId, grades[0]!.id, await verified(ofAge, `${year - 19}-12-31`))).statusCode).toBe(202)
    expect((await join(eventId, grades[0]!.id, unverified.accessToken)).json().code).toBe('queue.identity_required')
  })

  it('organizers set the rules on create and update; nonsense is a 400', async () => {
    app = await startTestApp(storage, {
      RATE_LIMITS: 'off',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'admin-password-1',
    })
    const admin = (
      await app.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'root@example.com', password: 'admin-password-1' },
      })
    ).json().accessToken as string
    const day = 24 * 3_600_000
    const body = {
      title: '인기 공연',
      category: 'concert',
      venue: { name: 'KSPO DOME', city: '서울' },
      startsAt: new Date(Date.now() + 30 * day).toISOString(),
      saleOpensAt: new Date(Date.now() + day).toISOString(),
      saleClosesAt: new Date(Date.now() + 2 * day).toISOString(),
      grades: [{ name: 'R석', price: 99_000, capacity: 10 }],
    }
    const made = await post('/api/events', admin, { ...body, requireIdentity: true })
    expect(made.statusCode).toBe(201)
    expect(made.json()).toMatchObject({ requireIdentity: true, minAge: null })
    const changed = await app.http.inject({
      method: 'PATCH',
      url: `/api/events/${made.json().id}`,
      headers: bearer(admin),
      payload: { requireIdentity: false, minAge: 15 },
    })
    expect(changed.json()).toMatchObject({ requireIdentity: true, minAge: 15 })
    for (const wrong of [{ minAge: 0 }, { minAge: 120 }, { minAge: '19' }, { requireIdentity: 'yes' }])
      expect((await post('/api/events', admin, { ...body, ...wrong })).statusCode, JSON.stringify(wrong)).toBe(400)
    const plain = await post('/api/events', admin, body)
    expect(plain.json()).toMatchObject({ requireIdentity: false, minAge: null, preQueueOpensAt: null })

    // A pre-queue opens before the sale does; once it has opened, neither it nor the opening may move.
    const preQueueOpensAt = new Date(Date.now() + day / 2).toISOString()
    const drawn = await post('/api/events', admin, { ...body, preQueueOpensAt })
    expect(drawn.statusCode).toBe(201)
    expect(drawn.json().preQueueOpensAt).toBe(preQueueOpensAt)
    // A hot sale's holds are short unless the organizer says otherwise.
    const hot = await post('/api/events', admin, { ...body, preQueueOpensAt })
    expect(hot.json().paymentDeadline).toEqual({ policy: 'minutes', minutes: 10 })
    expect(plain.json().paymentDeadline).toEqual({ policy: 'end_of_day' })
    const chosen = { policy: 'minutes', minutes: 45 }
    const patient = await post('/api/events', admin, { ...body, preQueueOpensAt, paymentDeadline: chosen })
    expect(patient.json().paymentDeadline).toEqual(chosen)
    const tooLate = await post('/api/events', admin, { ...body, preQueueOpensAt: body.saleOpensAt })
    expect(tooLate.statusCode).toBe(400)
    expect(tooLate.json().errors).toContainEqual(expect.objectContaining({ path: 'body/preQueueOpensAt' }))
    const opened = await post('/api/events', admin, {
      ...body,
      preQueueOpensAt: new Date(Date.now() - 1000).toISOString(),
    })
    const patch = (payload: object) =>
      app.http.inject({ method: 'PATCH', url: `/api/events/${opened.json().id}`, headers: bearer(admin), payload })
    for (const payload of [
      { preQueueOpensAt: null },
      { preQueueOpensAt: new Date(Date.now() + 1000).toISOString() },
      { saleOpensAt: new Date(Date.now() + (3 * day) / 2).toISOString() },
    ]) {
      const refused = await patch(payload)
      expect(refused.statusCode, JSON.stringify(payload)).toBe(409)
    }
    expect((await patch({ title: '인기 공연 (추가 회차)' })).statusCode).toBe(200)
  })
})
