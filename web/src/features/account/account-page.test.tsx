import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import AccountPage from './account-page.tsx'

const me = { id: 'u1', email: 'fan@example.com', name: '김팬', role: 'user' }
const routes = (extra: Parameters<typeof fakeServer>[0]) =>
  fakeServer({
    'POST /api/auth/refresh': () => json(200, { accessToken: 'a1', refreshToken: 'r2' }),
    'GET /api/me': () => json(200, me),
    ...extra,
  })

beforeEach(() => localStorage.setItem('tt.refresh', 'r1'))
afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  localStorage.clear()
})

test('log out everywhere ends every login on the server, then this one', async () => {
  const http = routes({ 'POST /api/auth/logout-all': () => new Response(null, { status: 204 }) })
  renderAt('/account', '/account', <AccountPage />)
  await screen.findByText(/fan@example.com/)
  await userEvent.click(screen.getByRole('button', { name: '모든 기기에서 로그아웃' }))
  await screen.findByText('elsewhere')
  expect(http.calls.find((c) => c.path === '/api/auth/logout-all')?.headers.authorization).toBe('Bearer a1')
  expect(localStorage.getItem('tt.refresh')).toBeNull()
})

test('closing the account needs the password: a wrong one is said beside the field and keeps the login', async () => {
  vi.stubGlobal('confirm', () => true) // the browser's own dialog: the tester says yes
  let right = false
  const http = routes({
    'DELETE /api/me': () =>
      right
        ? new Response(null, { status: 204 })
        : json(401, { status: 401, code: 'auth.invalid_credentials', detail: 'wrong' }),
  })
  renderAt('/account', '/account', <AccountPage />)
  await screen.findByText(/fan@example.com/)
  await userEvent.type(screen.getByLabelText('비밀번호'), 'not it')
  await userEvent.click(screen.getByRole('button', { name: '회원탈퇴' }))
  await screen.findByText('비밀번호가 맞지 않습니다.')
  expect(localStorage.getItem('tt.refresh')).not.toBeNull()
  right = true
  await userEvent.clear(screen.getByLabelText('비밀번호'))
  await userEvent.type(screen.getByLabelText('비밀번호'), 'the real one')
  await userEvent.click(screen.getByRole('button', { name: '회원탈퇴' }))
  await screen.findByText('elsewhere')
  const deletes = http.calls.filter((c) => c.method === 'DELETE')
  expect(deletes.map((c) => c.body)).toEqual([{ password: 'not it' }, { password: 'the real one' }])
  await waitFor(() => expect(localStorage.getItem('tt.refresh')).toBeNull())
})
