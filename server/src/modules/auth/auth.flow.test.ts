import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { bearer, signup, uniqueEmail } from '../../../test/factories.ts'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'

describe.each(storages)('accounts on %s', (storage) => {
  let app: TestApp
  beforeEach(async () => {
    app = await startTestApp(storage, { ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'admin-password-1' })
  })
  afterEach(() => app.close())

  const post = (url: string, payload: unknown, headers = {}) =>
    app.http.inject({ method: 'POST', url, payload: payload as object, headers })

  it('signs up, logs in and answers /api/me with the role user', async () => {
    const email = uniqueEmail()
    const created = await post('/api/auth/signup', { email, password: 'a long passphrase', name: '김민지' })
    expect(created.statusCode).toBe(201)
    expect(created.json().user).toMatchObject({ email, name: '김민지', role: 'user' })
    const login = await post('/api/auth/login', { email: email.toUpperCase(), password: 'a long passphrase' })
    expect(login.statusCode).toBe(200)
    const me = await app.http.inject({ url: '/api/me', headers: bearer(login.json().accessToken) })
    expect(me.json()).toMatchObject({ email, role: 'user' })
    expect(me.json()).not.toHaveProperty('passwordHash')
  })

  it('refuses a taken email with 409 auth.email_taken, whatever its case', async () => {
    const fan = await signup(app.http)
    const again = await post('/api/auth/signup', {
      email: fan.user.email.toUpperCase(),
      password: 'another pass',
      name: 'x',
    })
    expect(again.statusCode).toBe(409)
    expect(again.json().code).toBe('auth.email_taken')
  })

  it('refuses another alias of a taken mailbox (Gmail dots and +tags) with 409, and logs in by any alias', async () => {
    const first = await post('/api/auth/signup', {
      email: 'min.ji+first@gmail.com',
      password: 'a long passphrase',
      name: '민지',
    })
    expect(first.statusCode).toBe(201)
    for (const email of ['minji@gmail.com', 'M.I.N.J.I+second@googlemail.com']) {
      const again = await post('/api/auth/signup', { email, password: 'a long passphrase', name: '민지' })
      expect(again.json().code, email).toBe('auth.email_taken')
    }
    const login = await post('/api/auth/login', { email: 'minji@gmail.com', password: 'a long passphrase' })
    expect(login.statusCode).toBe(200)
    // Mail still goes to the address as typed.
    expect(login.json().user.email).toBe('min.ji+first@gmail.com')
  })

  it('refuses a weak password with 400 auth.weak_password, saying why, and makes no account', async () => {
    for (const [password, code] of [
      ['short', 'password.too_short'],
      ['qwerty123', 'password.common'],
      ['jiwoo.park.kr!', 'password.contains_email'],
      ['홍길동만세만세만세', 'password.contains_name'],
    ] as const) {
      const email = password.endsWith('!') ? `${password.slice(0, -1)}@example.com` : uniqueEmail()
      const r = await post('/api/auth/signup', { email, password, name: '홍길동' })
      expect(r.statusCode, password).toBe(400)
      expect(r.json()).toMatchObject({ code: 'auth.weak_password', errors: [{ path: 'body/password', code }] })
    }
    expect(
      (await post('/api/auth/login', { email: 'jiwoo.park.kr@example.com', password: 'jiwoo.park.kr!' })).statusCode,
    ).toBe(401)
  })

  it('never lets signup choose a role', async () => {
    const r = await post('/api/auth/signup', {
      email: uniqueEmail(),
      password: 'a long passphrase',
      name: 'x',
      role: 'admin',
    })
    expect(r.statusCode).toBe(400)
    expect(r.json().errors[0].path).toBe('body/role')
  })

  it('answers a wrong password and an unknown email alike', async () => {
    const fan = await signup(app.http)
    const wrong = await post('/api/auth/login', { email: fan.user.email, password: 'not the password' })
    const unknown = await post('/api/auth/login', { email: uniqueEmail(), password: 'not the password' })
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    expect(wrong.json().code).toBe('auth.invalid_credentials')
    expect(unknown.json().code).toBe('auth.invalid_credentials')
  })

  it('rotates refresh tokens, and a replayed one revokes every token of that login', async () => {
    const fan = await signup(app.http)
    const first = await post('/api/auth/refresh', { refreshToken: fan.refreshToken })
    expect(first.statusCode).toBe(200)
    const rotated = first.json().refreshToken as string
    expect(rotated).not.toBe(fan.refreshToken)

    const replay = await post('/api/auth/refresh', { refreshToken: fan.refreshToken })
    expect(replay.statusCode).toBe(401)
    // The thief's replay ended the login: the legitimate, newer token is dead too.
    const after = await post('/api/auth/refresh', { refreshToken: rotated })
    expect(after.statusCode).toBe(401)
  })

  it('keeps other logins of the same account alive when one is revoked', async () => {
    const fan = await signup(app.http)
    const other = (await post('/api/auth/login', { email: fan.user.email, password: fan.password })).json()
    await post('/api/auth/refresh', { refreshToken: fan.refreshToken })
    await post('/api/auth/refresh', { refreshToken: fan.refreshToken }) // replay: revokes the first login only
    expect((await post('/api/auth/refresh', { refreshToken: other.refreshToken })).statusCode).toBe(200)
  })

  it('logs out: the refresh token no longer works', async () => {
    const fan = await signup(app.http)
    expect((await post('/api/auth/logout', { refreshToken: fan.refreshToken })).statusCode).toBe(204)
    expect((await post('/api/auth/refresh', { refreshToken: fan.refreshToken })).statusCode).toBe(401)
  })

  it('rejects a forged or tampered access token', async () => {
    const fan = await signup(app.http)
    const [h, p] = fan.accessToken.split('.')
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString())
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...payload, role: 'admin' })).toString('base64url')}.x`
    const r = await app.http.inject({ url: '/api/me', headers: bearer(forged) })
    expect(r.statusCode).toBe(401)
    expect(r.headers['content-type']).toContain('application/problem+json')
  })

  it('lets the bootstrap admin change roles, and nobody else', async () => {
    const fan = await signup(app.http)
    const admin = (await post('/api/auth/login', { email: 'root@example.com', password: 'admin-password-1' })).json()
    const byFan = await app.http.inject({
      method: 'PATCH',
      url: `/api/admin/users/${fan.user.id}`,
      payload: { role: 'organizer' },
      headers: bearer(fan.accessToken),
    })
    expect(byFan.statusCode).toBe(403)
    const byAdmin = await app.http.inject({
      method: 'PATCH',
      url: `/api/admin/users/${fan.user.id}`,
      payload: { role: 'organizer' },
      headers: bearer(admin.accessToken),
    })
    expect(byAdmin.statusCode).toBe(200)
    expect(byAdmin.json().role).toBe('organizer')
    // The new role reaches the token at the next refresh.
    const refreshed = (await post('/api/auth/refresh', { refreshToken: fan.refreshToken })).json()
    const payload = JSON.parse(Buffer.from(refreshed.accessToken.split('.')[1], 'base64url').toString())
    expect(payload.role).toBe('organizer')
  })

  it('lets an admin find accounts by email or name, page by page, and nobody else', async () => {
    const admin = (await post('/api/auth/login', { email: 'root@example.com', password: 'admin-password-1' })).json()
    const fans = []
    for (let i = 0; i < 3; i++) fans.push(await signup(app.http, { name: `박서준${i}` }))
    const list = (url: string, token: string) => app.http.inject({ url, headers: bearer(token) })
    expect((await list('/api/admin/users', fans[0]!.accessToken)).statusCode).toBe(403)
    const page1 = (await list('/api/admin/users?q=박서준&limit=2', admin.accessToken)).json()
    expect(page1.items.map((u: { name: string }) => u.name)).toEqual(['박서준2', '박서준1'])
    const page2 = (await list(`/api/admin/users?q=박서준&limit=2&cursor=${page1.nextCursor}`, admin.accessToken)).json()
    expect(page2).toEqual({ items: [expect.objectContaining({ name: '박서준0' })], nextCursor: null })
    const literal = (await list('/api/admin/users?q=%25', admin.accessToken)).json()
    expect(literal.items).toEqual([]) // % is a character to find, not a wildcard
  })

  it('slows wrong passwords from one address with 429 and Retry-After after a few free ones', async () => {
    const limited = await startTestApp(storage, { RATE_LIMITS: 'on' })
    try {
      const fan = await signup(limited.http)
      const codes: number[] = []
      for (let i = 0; i < 8; i++) {
        const r = await limited.http.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: fan.user.email, password: 'wrong password' },
        })
        codes.push(r.statusCode)
        if (r.statusCode === 429) expect(Number(r.headers['retry-after'])).toBeGreaterThan(0)
      }
      expect(codes.slice(0, 6).every((c) => c === 401)).toBe(true)
      expect(codes.slice(6)).toEqual([429, 429])
    } finally {
      await limited.close()
    }
  })
})
