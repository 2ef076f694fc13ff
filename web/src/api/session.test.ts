import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../test/fake-server.ts'
import { api } from './client.ts'
import { clearTokens, onSessionEnded, saveTokens } from './session.ts'

afterEach(() => {
  vi.unstubAllGlobals()
  clearTokens()
})

const jwt = (expSeconds: number) => `h.${btoa(JSON.stringify({ exp: expSeconds }))}.s`

test('an expired access token is refreshed silently with the rotating refresh token, once', async () => {
  const fresh = jwt(Math.floor(Date.now() / 1000) + 900)
  saveTokens({ accessToken: jwt(Math.floor(Date.now() / 1000) - 10), refreshToken: 'r1' })
  const { calls } = fakeServer({
    'POST /api/auth/refresh': ({ body }) =>
      (body as { refreshToken: string }).refreshToken === 'r1'
        ? json(200, { accessToken: fresh, refreshToken: 'r2' })
        : json(401, { code: 'auth.invalid_refresh_token', status: 401 }),
    'GET /api/me': ({ headers }) =>
      headers.authorization === `Bearer ${fresh}` ? json(200, { id: 'u1' }) : json(401, { status: 401 }),
  })
  const [a, b] = await Promise.all([api('/api/me'), api('/api/me')])
  expect(a).toEqual({ id: 'u1' })
  expect(b).toEqual({ id: 'u1' })
  // Two concurrent calls, one refresh: the used refresh token is never presented twice.
  expect(calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1)
  expect(localStorage.getItem('tt.refresh')).toBe('r2')
})

test('a refused refresh ends the session instead of looping', async () => {
  saveTokens({ accessToken: jwt(0), refreshToken: 'stolen' })
  const ended = vi.fn()
  const off = onSessionEnded(ended)
  const { calls } = fakeServer({
    'POST /api/auth/refresh': () => json(401, { code: 'auth.invalid_refresh_token', status: 401 }),
    // The real server's answer to a request without a token (the fake's default for a path it lacks is a 404).
    'GET /api/bookings': ({ headers }) =>
      headers.authorization
        ? json(401, { code: 'auth.invalid_token', status: 401 })
        : json(401, { code: 'auth.token_missing', status: 401 }),
  })
  await expect(api('/api/bookings')).rejects.toMatchObject({ status: 401, code: 'auth.token_missing' })
  off()
  // One refresh, refused; the request went out once, without the dead token; the app heard the session end.
  expect(calls.map((c) => `${c.method} ${c.path} ${c.headers.authorization ?? '-'}`)).toEqual([
    'POST /api/auth/refresh -',
    'GET /api/bookings -',
  ])
  expect(ended).toHaveBeenCalledTimes(1)
  expect(localStorage.getItem('tt.refresh')).toBeNull()
})
