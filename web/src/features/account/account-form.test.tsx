import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import { AccountForm } from './account-form.tsx'

afterEach(() => vi.unstubAllGlobals())

test("the server's validation errors appear beside their fields", async () => {
  fakeServer({
    'POST /api/auth/signup': () =>
      json(400, {
        status: 400,
        code: 'validation.failed',
        detail: 'The request is not valid',
        errors: [
          { path: 'body/password', message: '비밀번호가 너무 짧습니다' },
          { path: 'body/name', message: 'must NOT have fewer than 1 characters' },
        ],
      }),
  })
  renderAt('/signup', '/signup', <AccountForm mode="signup" />)
  await userEvent.type(screen.getByLabelText('이름'), '김팬')
  await userEvent.type(screen.getByLabelText('이메일'), 'a@b.co')
  await userEvent.type(screen.getByLabelText('비밀번호'), 'short')
  await userEvent.click(screen.getByRole('button', { name: '회원가입' }))
  const password = screen.getByLabelText('비밀번호')
  await screen.findByText('비밀번호가 너무 짧습니다')
  expect(password.getAttribute('aria-invalid')).toBe('true')
  expect(document.getElementById(password.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(
    '비밀번호가 너무 짧습니다',
  )
  expect(screen.getByLabelText('이메일').getAttribute('aria-invalid')).toBeNull()
  // The validator's English is said in Korean.
  expect(screen.getByText('1자 이상 입력해 주세요.')).toBeTruthy()
})

test('a taken email is said in words, and the login is stored on success', async () => {
  let taken = true
  fakeServer({
    'POST /api/auth/signup': () =>
      taken
        ? json(409, { status: 409, code: 'auth.email_taken', detail: 'taken' })
        : json(201, {
            user: { id: 'u1', email: 'a@b.co', name: '김팬', role: 'user' },
            accessToken: 'x.e30.y',
            refreshToken: 'r1',
          }),
  })
  renderAt('/signup', '/signup', <AccountForm mode="signup" />)
  await userEvent.type(screen.getByLabelText('이름'), '김팬')
  await userEvent.type(screen.getByLabelText('이메일'), 'a@b.co')
  await userEvent.type(screen.getByLabelText('비밀번호'), 'a-long-passphrase')
  await userEvent.click(screen.getByRole('button', { name: '회원가입' }))
  await screen.findByText('이미 가입된 이메일입니다.')
  taken = false
  await userEvent.click(screen.getByRole('button', { name: '회원가입' }))
  await screen.findByText('elsewhere')
  expect(localStorage.getItem('tt.refresh')).toBe('r1')
})

test('a weak password is said in the page’s language, with the reason the server gave', async () => {
  fakeServer({
    'POST /api/auth/signup': () =>
      json(400, {
        status: 400,
        code: 'auth.weak_password',
        detail: 'The password is one of the most common passwords',
        errors: [{ path: 'body/password', code: 'password.common', message: 'is one of the most common passwords' }],
      }),
  })
  renderAt('/signup', '/signup', <AccountForm mode="signup" />)
  expect(screen.getByText(/8자 이상/)).toBeTruthy()
  await userEvent.type(screen.getByLabelText('이름'), '김팬')
  await userEvent.type(screen.getByLabelText('이메일'), 'a@b.co')
  await userEvent.type(screen.getByLabelText('비밀번호'), 'qwerty123')
  await userEvent.click(screen.getByRole('button', { name: '회원가입' }))
  await screen.findByText('너무 흔한 비밀번호입니다. 다른 비밀번호를 써 주세요.')
  expect(screen.queryByText(/most common/)).toBeNull()
})
