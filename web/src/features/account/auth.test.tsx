import { screen } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import { clearTokens } from '../../api/session.ts'
import { useAuth } from './auth.tsx'

afterEach(() => {
  vi.unstubAllGlobals()
  clearTokens()
})

function Who() {
  const { user, loading } = useAuth()
  return <p>{loading ? 'loading' : (user?.name ?? 'nobody')}</p>
}
const access = () => `h.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 900 }))}.s`

test('a reload restores the login from the stored refresh token, riding out a busy server', async () => {
  localStorage.setItem('tt.refresh', 'r1')
  let busy = 1
  fakeServer({
    'POST /api/auth/refresh': () =>
      busy-- > 0
        ? json(503, { status: 503, code: 'unavailable' })
        : json(200, { accessToken: access(), refreshToken: 'r2' }),
    'GET /api/me': () => json(200, { id: 'u1', email: 'a@b.co', name: '김팬', role: 'user' }),
  })
  renderAt('/', '/', <Who />)
  expect(screen.getByText('loading')).toBeTruthy()
  await screen.findByText('김팬', {}, { timeout: 3000 })
  expect(localStorage.getItem('tt.refresh')).toBe('r2')
})

test('a refused refresh token means logged out', async () => {
  localStorage.setItem('tt.refresh', 'revoked')
  fakeServer({ 'POST /api/auth/refresh': () => json(401, { status: 401, code: 'auth.invalid_refresh_token' }) })
  renderAt('/', '/', <Who />)
  await screen.findByText('nobody')
  expect(localStorage.getItem('tt.refresh')).toBeNull()
})
