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

test('본인인증 with the test provider: name a person, complete, and the account says it is verified', async () => {
  let verified = false
  let refreshes = 0
  const http = fakeServer({
    'POST /api/auth/refresh': () => {
      refreshes += 1
      // A token good for 15 minutes, so that only a forced refresh asks again.
      const accessToken = `h.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 900, n: refreshes }))}.s`
      return json(200, { accessToken, refreshToken: `r${refreshes + 1}` })
    },
    'GET /api/me': () => json(200, { ...me, identityVerified: verified }),
    'POST /api/me/identity-verifications': () =>
      json(201, { verificationId: 'v1', provider: 'test', checkout: { url: '/api/identity/test-verification/v1' } }),
    'POST /api/identity/test-verification/v1': ({ body }) =>
      (body as { person: string }).person === '이미 있는 사람'
        ? json(200, { providerVerificationId: 'cert_taken' })
        : json(200, { providerVerificationId: 'cert_1' }),
    'POST /api/me/identity-verifications/v1/complete': ({ body }) => {
      if ((body as { providerVerificationId: string }).providerVerificationId === 'cert_taken')
        return json(409, { status: 409, code: 'identity.already_linked', detail: 'linked elsewhere' })
      verified = true
      return json(200, { identityVerified: true, verifiedAt: new Date().toISOString() })
    },
  })
  renderAt('/account', '/account', <AccountPage />)
  await userEvent.click(await screen.findByRole('button', { name: '본인인증하기' }))
  const form = await screen.findByRole('form', { name: '테스트 본인인증' })
  await userEvent.type(screen.getByLabelText('사람 이름표'), '이미 있는 사람')
  await userEvent.type(screen.getByLabelText('생년월일'), '1995-03-14')
  await userEvent.click(screen.getByRole('button', { name: '인증 완료' }))
  // One person, one account: said in Korean, and the form stays to try as someone else.
  await screen.findByText(/이미 다른 계정으로 본인인증을 했습니다/)
  expect(form.isConnected).toBe(true)

  await userEvent.clear(screen.getByLabelText('사람 이름표'))
  await userEvent.type(screen.getByLabelText('사람 이름표'), '김팬')
  const before = refreshes
  await userEvent.click(screen.getByRole('button', { name: '인증 완료' }))
  await screen.findByText('본인인증을 마쳤습니다.')
  // The access token was refreshed, so that the next join carries the verified person.
  expect(refreshes).toBe(before + 1)
  const named = http.calls.filter((c) => c.path === '/api/identity/test-verification/v1').at(-1)
  expect(named?.body).toEqual({ person: '김팬', birthDate: '1995-03-14' })
  expect(named?.headers.authorization).toMatch(/^Bearer h\./)
})
