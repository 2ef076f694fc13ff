import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import AdminPage from './admin-page.tsx'

afterEach(() => vi.unstubAllGlobals())

test('an admin changes a role by account id; an unknown id is said beside the field', async () => {
  const { calls } = fakeServer({
    'PATCH /api/admin/users/u_1': () => json(200, { id: 'u_1', email: 'kim@fan.kr', name: '김팬', role: 'organizer' }),
    'PATCH /api/admin/users/nobody': () =>
      json(404, { status: 404, code: 'auth.user_not_found', detail: 'No such user' }),
  })
  renderAt('/admin', '/admin', <AdminPage />)
  const id = screen.getByLabelText('계정 ID')
  await userEvent.type(id, 'nobody')
  await userEvent.click(screen.getByRole('button', { name: '권한 변경' }))
  await screen.findByText('그런 계정이 없습니다.')
  expect(id.getAttribute('aria-invalid')).toBe('true')

  await userEvent.clear(id)
  await userEvent.type(id, 'u_1')
  await userEvent.selectOptions(screen.getByLabelText('권한'), 'organizer')
  await userEvent.click(screen.getByRole('button', { name: '권한 변경' }))
  await screen.findByText('kim@fan.kr')
  expect(screen.getByRole('table').textContent).toContain('기획자')
  expect(calls.at(-1)?.body).toEqual({ role: 'organizer' })
})
