// Sessions end when they should: on the very next request, not when the 15-minute access token expires.
import { eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { bearer, type SignedUp, signup, uniqueEmail } from '../../../test/factories.ts'
import { openTestDatabase, startTestApp, storages, type TestApp } from '../../../test/harness.ts'
import { createInProcessHotPath } from '../../adapters/hot-path/in-process.ts'
import { systemClock } from '../../kernel/clock.ts'
import { createSessionRegistry } from './auth.sessions.ts'
import { users } from './auth.tables.ts'

const ADMIN = { ADMIN_EMAIL: 'root@example.com', ADMIN_PASSWORD: 'admin-password-1' }

describe.each(storages)('ending sessions on %s', (storage) => {
  let app: TestApp
  beforeEach(async () => {
    app = await startTestApp(storage, ADMIN)
  })
  afterEach(() => app.close())

  const post = (url: string, payload?: object, headers = {}) =>
    app.http.inject({ method: 'POST', url, ...(payload ? { payload } : {}), headers })
  const me = (token: string) => app.http.inject({ url: '/api/me', headers: bearer(token) })
  const login = (email: string, password: string) => post('/api/auth/login', { email, password })
  const adminToken = async () => (await login(ADMIN.ADMIN_EMAIL, ADMIN.ADMIN_PASSWORD)).json().accessToken as string
  const secondLogin = async (fan: SignedUp) => (await login(fan.user.email, fan.password)).json()

  it('logout ends that login’s access token on the next request, and no other login', async () => {
    const fan = await signup(app.http)
    const other = await secondLogin(fan)
    expect((await me(fan.accessToken)).statusCode).toBe(200)
    expect((await post('/api/auth/logout', { refreshToken: fan.refreshToken })).statusCode).toBe(204)
    const after = await me(fan.accessToken)
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('auth.invalid_token')
    expect((await me(other.accessToken)).statusCode).toBe(200)
  })

  it('log out everywhere ends every login at once, refresh tokens included; a new login works', async () => {
    const fan = await signup(app.http)
    const other = await secondLogin(fan)
    expect((await post('/api/auth/logout-all', undefined, bearer(fan.accessToken))).statusCode).toBe(204)
    for (const token of [fan.accessToken, other.accessToken]) expect((await me(token)).statusCode).toBe(401)
    for (const refreshToken of [fan.refreshToken, other.refreshToken])
      expect((await post('/api/auth/refresh', { refreshToken })).statusCode).toBe(401)
    const fresh = await secondLogin(fan)
    expect((await me(fresh.accessToken)).statusCode).toBe(200)
  })

  it('a replayed refresh token ends that login’s access tokens too', async () => {
    const fan = await signup(app.http)
    const rotated = (await post('/api/auth/refresh', { refreshToken: fan.refreshToken })).json()
    expect((await me(rotated.accessToken)).statusCode).toBe(200)
    expect((await post('/api/auth/refresh', { refreshToken: fan.refreshToken })).statusCode).toBe(401)
    expect((await me(rotated.accessToken)).statusCode).toBe(401)
    expect((await me(fan.accessToken)).statusCode).toBe(401)
  })

  it('a role change ends the old token at once; a refresh carries the new role', async () => {
    const fan = await signup(app.http)
    const changed = await app.http.inject({
      method: 'PATCH',
      url: `/api/admin/users/${fan.user.id}`,
      payload: { role: 'organizer' },
      headers: bearer(await adminToken()),
    })
    expect(changed.json()).toMatchObject({ role: 'organizer', disabled: false })
    expect((await me(fan.accessToken)).statusCode).toBe(401)
    const refreshed = (await post('/api/auth/refresh', { refreshToken: fan.refreshToken })).json()
    expect((await me(refreshed.accessToken)).json().role).toBe('organizer')
  })

  it('disabling an account ends its logins and refuses new ones; enabling lets it log in again', async () => {
    const fan = await signup(app.http)
    const admin = bearer(await adminToken())
    const patch = (payload: object) =>
      app.http.inject({ method: 'PATCH', url: `/api/admin/users/${fan.user.id}`, payload, headers: admin })
    expect((await patch({ disabled: true })).json()).toMatchObject({ disabled: true })
    expect((await me(fan.accessToken)).statusCode).toBe(401)
    expect((await post('/api/auth/refresh', { refreshToken: fan.refreshToken })).statusCode).toBe(401)
    const refused = await login(fan.user.email, fan.password)
    expect(refused.statusCode).toBe(403)
    expect(refused.json().code).toBe('auth.account_disabled')
    // A wrong password says nothing about the account's state.
    expect((await login(fan.user.email, 'not the password')).json().code).toBe('auth.invalid_credentials')
    expect((await patch({ disabled: false })).json()).toMatchObject({ disabled: false })
    expect((await login(fan.user.email, fan.password)).statusCode).toBe(200)
    expect((await patch({})).statusCode).toBe(400)
  })

  it('an admin cannot disable themselves', async () => {
    const token = await adminToken()
    const self = (await me(token)).json()
    const r = await app.http.inject({
      method: 'PATCH',
      url: `/api/admin/users/${self.id}`,
      payload: { disabled: true },
      headers: bearer(token),
    })
    expect(r.statusCode).toBe(409)
    expect((await me(token)).statusCode).toBe(200)
  })

  it('closing an account (회원탈퇴) needs its password, ends every login and erases email and name', async () => {
    const fan = await signup(app.http, { name: '홍길동' })
    const other = await secondLogin(fan)
    const close = (password: string) =>
      app.http.inject({ method: 'DELETE', url: '/api/me', payload: { password }, headers: bearer(fan.accessToken) })
    const wrong = await close('not the password')
    expect(wrong.statusCode).toBe(401)
    expect((await me(fan.accessToken)).statusCode).toBe(200)

    expect((await close(fan.password)).statusCode).toBe(204)
    for (const token of [fan.accessToken, other.accessToken]) expect((await me(token)).statusCode).toBe(401)
    expect((await post('/api/auth/refresh', { refreshToken: other.refreshToken })).statusCode).toBe(401)
    expect((await login(fan.user.email, fan.password)).statusCode).toBe(401)
    const [row] = await app.database.db.select().from(users).where(eq(users.id, fan.user.id))
    // The row stays for the bookings and payments that point at it, without the person.
    expect(row).toMatchObject({ name: '탈퇴한 회원', email: `deleted-${fan.user.id}@deleted.invalid` })
    expect(row!.deletedAt).not.toBeNull()
    expect(JSON.stringify(row)).not.toContain('홍길동')
    const admin = bearer(await adminToken())
    const listed = (await app.http.inject({ url: '/api/admin/users?limit=100', headers: admin })).json()
    expect(listed.items.map((u: { id: string }) => u.id)).not.toContain(fan.user.id)
    // The email is free again.
    const again = await post('/api/auth/signup', { email: fan.user.email, password: fan.password, name: '새 계정' })
    expect(again.statusCode).toBe(201)
  })
})

describe.each(storages)('ended sessions across processes on %s', (storage) => {
  it('a process that missed the announcement learns every ending of the last 15 minutes from the database', async () => {
    const database = await openTestDatabase(storage)
    try {
      const shared = { ...database, close: async () => {} }
      // Two processes with hot paths of their own: the announcement reaches only the first.
      const a = await startTestApp(storage, {}, { database: shared })
      const fan = await signup(a.http)
      const other = (
        await a.http.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email: fan.user.email, password: fan.password },
        })
      ).json()
      await a.http.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: fan.refreshToken } })
      const b = await startTestApp(storage, {}, { database: shared })
      const meAt = (app: TestApp, token: string) => app.http.inject({ url: '/api/me', headers: bearer(token) })
      expect((await meAt(b, fan.accessToken)).statusCode).toBe(401)
      expect((await meAt(b, other.accessToken)).statusCode).toBe(200)
      await a.close()
      await b.close()
    } finally {
      await database.close()
    }
  })

  it('a running process picks up an ending it was not told of within its poll', async () => {
    const database = await openTestDatabase(storage)
    const registries = [0, 1].map(() =>
      createSessionRegistry({
        db: database.db,
        hotPath: createInProcessHotPath(systemClock),
        clock: systemClock,
        ttlMs: 900_000,
        pollMs: 50,
      }),
    )
    try {
      const [a, b] = registries as [ReturnType<typeof createSessionRegistry>, ReturnType<typeof createSessionRegistry>]
      await a.start()
      await b.start()
      const ended = [
        { userId: 'u1', familyId: 'f1' },
        { userId: 'u2', minVersion: 3 },
      ]
      await a.record(database.db, ended)
      await a.announce(ended)
      expect(a.isEnded('u1', 'f1', 0)).toBe(true)
      await vi.waitFor(() => expect(b.isEnded('u1', 'f1', 0)).toBe(true), { timeout: 5_000 })
      expect([b.isEnded('u2', 'f9', 2), b.isEnded('u2', 'f9', 3), b.isEnded('u1', 'f2', 0)]).toEqual([
        true,
        false,
        false,
      ])
    } finally {
      for (const r of registries) await r.stop()
      await database.close()
    }
  })
})

describe.runIf(process.env.TEST_REDIS_URL)('ended sessions through Redis', () => {
  it('an API process refuses a token within milliseconds of its logout at another process', async () => {
    const database = await openTestDatabase('pglite')
    const shared = { ...database, close: async () => {} }
    const env = { REDIS_URL: process.env.TEST_REDIS_URL!, ROLES: 'api' }
    const a = await startTestApp('pglite', env, { database: shared })
    const b = await startTestApp('pglite', env, { database: shared })
    try {
      const fan = await signup(a.http, { email: uniqueEmail('redis') })
      expect((await b.http.inject({ url: '/api/me', headers: bearer(fan.accessToken) })).statusCode).toBe(200)
      await a.http.inject({ method: 'POST', url: '/api/auth/logout', payload: { refreshToken: fan.refreshToken } })
      const started = Date.now()
      await vi.waitFor(
        async () =>
          expect((await b.http.inject({ url: '/api/me', headers: bearer(fan.accessToken) })).statusCode).toBe(401),
        { timeout: 1_000, interval: 5 },
      )
      // Far below the 5 s database poll: the hot path carried it.
      expect(Date.now() - started).toBeLessThan(1_000)
    } finally {
      await a.close()
      await b.close()
      await database.close()
    }
  })
})
