import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import AdminPage from './admin-page.tsx'

afterEach(() => vi.unstubAllGlobals())

const kim = { id: 'u_3', email: 'kim@fan.kr', name: '김팬', role: 'user', createdAt: '2026-11-20T01:00:00Z' }
const lee = { id: 'u_2', email: 'lee@org.kr', name: '이기획', role: 'organizer', createdAt: '2026-11-10T01:00:00Z' }
const park = { id: 'u_1', email: 'park@fan.kr', name: '박팬', role: 'user', createdAt: '2026-11-01T01:00:00Z' }

const query = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams)
const listCalls = (calls: { method: string; path: string }[]) =>
  calls.filter((c) => c.method === 'GET' && c.path.startsWith('/api/admin/users')).map((c) => query(c.path))

test('accounts are listed in the order the server gives (newest first) and "more" follows the cursor', async () => {
  const { calls } = fakeServer({
    'GET /api/admin/users': ({ path }) =>
      query(path).cursor === 'c2'
        ? json(200, { items: [park], nextCursor: null })
        : json(200, { items: [kim, lee], nextCursor: 'c2' }),
  })
  renderAt('/admin', '/admin', <AdminPage />)
  const list = await screen.findByRole('list', { name: '계정 목록' })
  expect(
    within(list)
      .getAllByRole('listitem')
      .map((li) => li.querySelector('strong')?.textContent),
  ).toEqual(['김팬', '이기획'])
  await userEvent.click(screen.getByRole('button', { name: '계정 더 보기' }))
  await screen.findByText('박팬')
  expect(within(list).getAllByRole('listitem')).toHaveLength(3)
  expect(screen.queryByRole('button', { name: '계정 더 보기' })).toBeNull()
  expect(listCalls(calls)).toEqual([{ limit: '20' }, { limit: '20', cursor: 'c2' }])
})

test('typing searches once the admin pauses, and the role filter narrows the list', async () => {
  const { calls } = fakeServer({
    'GET /api/admin/users': ({ path }) => {
      const { q, role } = query(path)
      const all = [kim, lee, park].filter(
        (u) => (!q || u.email.includes(q) || u.name.includes(q)) && (!role || u.role === role),
      )
      return json(200, { items: all, nextCursor: null })
    },
  })
  renderAt('/admin', '/admin', <AdminPage />)
  await screen.findByText('박팬')
  await userEvent.type(screen.getByLabelText('이메일 또는 이름'), 'kim@')
  // The narrowed list, not the moment between lists when neither shows.
  await waitFor(() => {
    expect(screen.queryByText('박팬')).toBeNull()
    expect(screen.getByText('김팬')).toBeTruthy()
  })
  // One request for the whole word, not one per keystroke.
  expect(listCalls(calls)).toEqual([{ limit: '20' }, { limit: '20', q: 'kim@' }])

  await userEvent.selectOptions(screen.getByLabelText('권한'), 'organizer')
  await screen.findByText('조건에 맞는 계정이 없습니다.')
  expect(listCalls(calls).at(-1)).toEqual({ limit: '20', q: 'kim@', role: 'organizer' })

  await userEvent.clear(screen.getByLabelText('이메일 또는 이름'))
  await screen.findByText('이기획')
  expect(screen.queryByText('김팬')).toBeNull()
})

test('a role is changed in its row; the server refusing says why beside that row', async () => {
  const { calls } = fakeServer({
    'GET /api/admin/users': () => json(200, { items: [kim, lee], nextCursor: null }),
    'PATCH /api/admin/users/u_3': ({ body }) => json(200, { ...kim, ...(body as object) }),
    'PATCH /api/admin/users/u_2': () =>
      json(409, { status: 409, code: 'auth.some_new_rule', detail: 'Organizers with events on sale keep their role' }),
  })
  renderAt('/admin', '/admin', <AdminPage />)
  const kimRole = await screen.findByLabelText('kim@fan.kr의 권한')
  const kimSave = screen.getByRole('button', { name: '저장 (kim@fan.kr)' })
  expect((kimSave as HTMLButtonElement).disabled).toBe(true)
  await userEvent.selectOptions(kimRole, 'staff')
  await userEvent.click(kimSave)
  await screen.findByText('입장 스태프(으)로 변경했습니다.')
  expect(calls.at(-1)).toMatchObject({ method: 'PATCH', path: '/api/admin/users/u_3', body: { role: 'staff' } })
  expect((kimSave as HTMLButtonElement).disabled).toBe(true)

  await userEvent.selectOptions(screen.getByLabelText('lee@org.kr의 권한'), 'user')
  await userEvent.click(screen.getByRole('button', { name: '저장 (lee@org.kr)' }))
  const alert = await screen.findByRole('alert')
  expect(alert.textContent).toBe('Organizers with events on sale keep their role')
  // Refused: the picker shows the role the account still has, described by the reason.
  const leeRole = screen.getByLabelText('lee@org.kr의 권한') as HTMLSelectElement
  expect(leeRole.value).toBe('organizer')
  expect(leeRole.getAttribute('aria-describedby')).toBe(alert.id)
})

test('an admin changing their own role is told so in Korean', async () => {
  fakeServer({
    'GET /api/admin/users': () => json(200, { items: [kim], nextCursor: null }),
    'PATCH /api/admin/users/u_3': () =>
      json(409, { status: 409, code: 'auth.own_role', detail: 'Admins cannot change their own role' }),
  })
  renderAt('/admin', '/admin', <AdminPage />)
  await userEvent.selectOptions(await screen.findByLabelText('kim@fan.kr의 권한'), 'admin')
  await userEvent.click(screen.getByRole('button', { name: '저장 (kim@fan.kr)' }))
  expect((await screen.findByRole('alert')).textContent).toBe(
    '자신의 권한은 바꿀 수 없습니다. 다른 관리자에게 요청하세요.',
  )
})

test('when saving fails on the network, the chosen role stays picked so the admin can try again', async () => {
  fakeServer({
    'GET /api/admin/users': () => json(200, { items: [kim], nextCursor: null }),
    'PATCH /api/admin/users/u_3': () => Promise.reject(new TypeError('network down')),
  })
  renderAt('/admin', '/admin', <AdminPage />)
  const kimRole = (await screen.findByLabelText('kim@fan.kr의 권한')) as HTMLSelectElement
  await userEvent.selectOptions(kimRole, 'organizer')
  await userEvent.click(screen.getByRole('button', { name: '저장 (kim@fan.kr)' }))
  expect((await screen.findByRole('alert')).textContent).toBe('네트워크에 연결할 수 없습니다.')
  expect(kimRole.value).toBe('organizer')
  expect(kimRole.getAttribute('aria-invalid')).toBe('true')
})

test('an empty list and a failed load each say so; retry loads again', async () => {
  let fail = true
  fakeServer({
    'GET /api/admin/users': () =>
      fail ? json(500, { status: 500, code: 'internal', detail: 'boom' }) : json(200, { items: [], nextCursor: null }),
  })
  renderAt('/admin', '/admin', <AdminPage />)
  await screen.findByText('서버에 문제가 생겼습니다. 잠시 후 다시 시도해 주세요.')
  fail = false
  await userEvent.click(screen.getByRole('button', { name: '다시 시도' }))
  await screen.findByText('아직 계정이 없습니다.')
})

test('the page speaks English when asked', async () => {
  fakeServer({ 'GET /api/admin/users': () => json(200, { items: [lee], nextCursor: null }) })
  renderAt('/admin', '/admin', <AdminPage />, 'en')
  await screen.findByLabelText('Role of lee@org.kr')
  expect(screen.getByLabelText('Email or name')).toBeTruthy()
  expect(screen.getByText(/Joined/)).toBeTruthy()
})
