import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { arrival, renderAt } from '../../../test/render.tsx'
import EventPage from './event-page.tsx'

afterEach(() => vi.unstubAllGlobals())

const HOUR = 3600_000
const at = (ms: number) => new Date(Date.now() + ms).toISOString()
function eventWith(saleOpensIn: number) {
  return {
    id: 'e1',
    title: '레미제라블',
    category: 'musical',
    performers: ['민우혁'],
    venue: { name: '블루스퀘어', city: '서울', address: null },
    startsAt: '2026-12-24T10:00:00Z',
    endsAt: null,
    saleOpensAt: at(saleOpensIn),
    saleClosesAt: at(48 * HOUR),
    posterUrl: null,
    minPrice: 99000,
    status: saleOpensIn > 0 ? 'upcoming' : 'on_sale',
    description: '',
    perUserLimit: 4,
    paymentDeadline: { policy: 'end_of_day' },
    organizerId: 'o1',
    grades: [
      { id: 'vip', name: 'VIP석', price: 170000, capacity: 10, remaining: 0 },
      { id: 'r', name: 'R석', price: 99000, capacity: 100, remaining: 3 },
    ],
  }
}

test('grades show price and seats left; a sold-out grade cannot be picked; quantity stops at the seats left', async () => {
  fakeServer({ 'GET /api/events/e1': () => json(200, eventWith(-HOUR)) })
  renderAt('/events/e1', '/events/:id', <EventPage />)
  await screen.findByRole('heading', { name: '레미제라블' })
  expect((screen.getByRole('radio', { name: /VIP석/ }) as HTMLInputElement).disabled).toBe(true)
  expect((screen.getByRole('radio', { name: /R석/ }) as HTMLInputElement).checked).toBe(true)
  expect(screen.getByText('잔여 3석')).toBeTruthy()
  expect(screen.getByRole('radio', { name: /R석/ }).closest('label')?.textContent).toContain('₩99,000')
  // perUserLimit is 4 but only 3 seats remain.
  expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['1매', '2매', '3매'])
})

test('before the sale opens the button waits with a countdown', async () => {
  fakeServer({ 'GET /api/events/e1': () => json(200, eventWith(2 * HOUR)) })
  renderAt('/events/e1', '/events/:id', <EventPage />)
  const button = await screen.findByRole('button', { name: '오픈 전입니다' })
  expect((button as HTMLButtonElement).disabled).toBe(true)
  expect(screen.getAllByText(/^01:59:5\d$/).length).toBeGreaterThan(0)
})

test('with a pre-queue the button opens at its start, and the page says early or late makes no difference', async () => {
  const before = { ...eventWith(2 * HOUR), preQueueOpensAt: at(HOUR) }
  fakeServer({ 'GET /api/events/e1': () => json(200, before) })
  const { unmount } = renderAt('/events/e1', '/events/:id', <EventPage />)
  expect(((await screen.findByRole('button', { name: '오픈 전입니다' })) as HTMLButtonElement).disabled).toBe(true)
  expect(screen.getByText('사전 대기열 오픈까지')).toBeTruthy()
  unmount()

  fakeServer({ 'GET /api/events/e1': () => json(200, { ...before, preQueueOpensAt: at(-HOUR) }) })
  renderAt('/events/e1', '/events/:id', <EventPage />)
  const join = await screen.findByRole('button', { name: '사전 대기열 참여하기' })
  expect((join as HTMLButtonElement).disabled).toBe(false)
  expect(screen.getByText('추첨까지')).toBeTruthy()
  expect(screen.getByText(/공개 추첨으로 정해집니다/)).toBeTruthy()
})

test('booking without a login goes to log in and comes back', async () => {
  fakeServer({ 'GET /api/events/e1': () => json(200, eventWith(-HOUR)) })
  renderAt('/events/e1', '/events/:id', <EventPage />)
  await userEvent.click(await screen.findByRole('button', { name: '대기열 입장하기' }))
  await screen.findByText('elsewhere')
})

test('a logged-in fan joins the queue with the chosen grade and quantity', async () => {
  localStorage.setItem('tt.refresh', 'r1')
  const access = `h.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 900 }))}.s`
  const { calls } = fakeServer({
    'POST /api/auth/refresh': () => json(200, { accessToken: access, refreshToken: 'r2' }),
    'GET /api/me': () => json(200, { id: 'u1', email: 'a@b.co', name: '김팬', role: 'user' }),
    'GET /api/events/e1': () => json(200, eventWith(-HOUR)),
    'POST /api/events/e1/queue': () => json(202, { number: 1, status: 'waiting' }),
  })
  renderAt('/events/e1', '/events/:id', <EventPage />)
  await screen.findByRole('heading', { name: '레미제라블' })
  await userEvent.selectOptions(screen.getByLabelText('매수'), '2')
  expect(screen.getByText('₩198,000')).toBeTruthy()
  await waitFor(() => expect(calls.some((c) => c.path === '/api/me')).toBe(true))
  await userEvent.click(screen.getByRole('button', { name: '대기열 입장하기' }))
  await screen.findByText('elsewhere')
  const join = calls.find((c) => c.path === '/api/events/e1/queue')
  expect(join?.body).toEqual({ gradeId: 'r', quantity: 2, rejoin: true })
  expect(join?.headers.authorization).toBe(`Bearer ${access}`)
  // The queue page gets the title in the router's state, so it need not ask the API (every fan opens it at once).
  expect(arrival()).toEqual({ path: '/events/e1/queue', state: { title: '레미제라블' } })
})

test('an event with proof-of-work: the page solves this account’s challenge while the fan waits and joins with it', async () => {
  const { createChallenge, verifySolution } = await import('altcha-lib')
  const { deriveKey } = await import('altcha-lib/algorithms/pbkdf2')
  const secret = 'a server secret'
  localStorage.setItem('tt.refresh', 'r1')
  const access = `h.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 900 }))}.s`
  const { calls } = fakeServer({
    'POST /api/auth/refresh': () => json(200, { accessToken: access, refreshToken: 'r2' }),
    'GET /api/me': () => json(200, { id: 'u1', email: 'a@b.co', name: '김팬', role: 'user', identityVerified: false }),
    'GET /api/events/e1': () => json(200, { ...eventWith(-HOUR), entryChallenge: { cost: 20 } }),
    // The server's challenge, made as the server makes it (altcha-lib), small enough to solve here.
    'GET /api/events/e1/queue/challenge': async () =>
      json(
        200,
        await createChallenge({
          algorithm: 'PBKDF2/SHA-256',
          cost: 100,
          counter: 15,
          deriveKey,
          hmacSignatureSecret: secret,
        }),
      ),
    'POST /api/events/e1/queue': () => json(202, { number: 1, status: 'waiting' }),
  })
  renderAt('/events/e1', '/events/:id', <EventPage />)
  const book = await screen.findByRole('button', { name: '대기열 입장하기' }, { timeout: 10_000 })
  await userEvent.click(book)
  await screen.findByText('elsewhere')
  const join = calls.find((c) => c.path === '/api/events/e1/queue')
  expect(join).toBeDefined()
  const { proof, ...rest } = join!.body as { proof: string; gradeId: string; quantity: number }
  expect(rest).toEqual({ gradeId: 'r', quantity: 1, rejoin: true })
  const payload = JSON.parse(atob(proof))
  const verdict = await verifySolution({ ...payload, deriveKey, hmacSignatureSecret: secret })
  expect(verdict.verified).toBe(true)
  // The challenge was asked once, with the fan's token.
  const asked = calls.filter((c) => c.path === '/api/events/e1/queue/challenge')
  expect(asked).toHaveLength(1)
  expect(asked[0]?.headers.authorization).toBe(`Bearer ${access}`)
})
