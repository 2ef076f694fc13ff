import { act, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json, type SseControl, sseStream } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import QueuePage from './queue-page.tsx'

const waiting = {
  eventId: 'e1',
  gradeId: 'g1',
  quantity: 2,
  number: 108,
  status: 'waiting',
  position: 8,
  servedUpTo: 100,
  etaSeconds: 4,
  result: null,
}
const event = { id: 'e1', title: '아이유 콘서트', grades: [] }

afterEach(() => vi.unstubAllGlobals())

function queueServer(streams: SseControl[]) {
  return fakeServer({
    'GET /api/events/e1': () => json(200, event),
    'GET /api/events/e1/queue/me': () => json(200, waiting),
    'GET /api/events/e1/queue/stream': ({ signal }) => {
      const s = sseStream(signal)
      streams.push(s)
      return s.response
    },
    'GET /api/bookings/b1': () =>
      json(200, { id: 'b1', quantity: 2, amount: 240000, payBy: new Date(Date.now() + 600_000).toISOString() }),
    'DELETE /api/events/e1/queue/me': () => json(200, { ...waiting, status: 'left' }),
  })
}

test('the place moves live over the stream, then the result shows with the pay-by countdown', async () => {
  const streams: SseControl[] = []
  const { calls } = queueServer(streams)
  renderAt('/events/e1/queue', '/events/:id/queue', <QueuePage />)

  await screen.findByText('108')
  expect(screen.getByTestId('ahead').textContent).toBe('7')
  await waitFor(() => expect(streams).toHaveLength(1))
  act(() => streams[0]!.send('position', { number: 108, position: 2, servedUpTo: 106, etaSeconds: 1 }))
  await waitFor(() => expect(screen.getByTestId('ahead').textContent).toBe('1'))
  // 7 people were ahead at first, 1 is left.
  expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('86')

  act(() => streams[0]!.send('result', { ...waiting, status: 'succeeded', position: 0, result: { bookingId: 'b1' } }))
  await screen.findByRole('heading', { name: '좌석을 확보했습니다!' })
  await screen.findByText('결제 마감까지')
  expect(screen.getByText('₩240,000')).toBeTruthy()
  expect(screen.getByRole('link', { name: '결제하기' }).getAttribute('href')).toBe('/bookings/b1')
  // State came from one /queue/me and one stream: nothing polled.
  expect(calls.filter((c) => c.path.includes('/queue/me'))).toHaveLength(1)
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('아이유 콘서트 대기열')
})

test('coming from the event page, the title is not fetched again', async () => {
  const { calls } = queueServer([])
  renderAt({ pathname: '/events/e1/queue', state: { title: '아이유 콘서트' } }, '/events/:id/queue', <QueuePage />)
  await screen.findByText('108')
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('아이유 콘서트 대기열')
  expect(calls.map((c) => `${c.method} ${c.path}`)).not.toContain('GET /api/events/e1')
})

test('a dropped stream shows "reconnecting" and resumes on a new stream as soon as the network is back', async () => {
  const streams: SseControl[] = []
  const { calls } = queueServer(streams)
  renderAt('/events/e1/queue', '/events/:id/queue', <QueuePage />)
  await waitFor(() => expect(streams).toHaveLength(1))
  act(() => streams[0]!.send('position', { number: 108, position: 5, servedUpTo: 103, etaSeconds: 2 }))
  act(() => streams[0]!.fail())
  await screen.findByText(/다시 연결하는 중/)
  act(() => {
    window.dispatchEvent(new Event('online'))
  })
  await waitFor(() => expect(streams).toHaveLength(2), { timeout: 3000 })
  // The reconnect names the last event seen, as EventSource would, so the server resumes from there.
  expect(calls.filter((c) => c.path.endsWith('/stream')).map((c) => c.headers['last-event-id'])).toEqual([
    undefined,
    '103',
  ])
  // A lagging answer never moves the place back.
  act(() => streams[1]!.send('position', { number: 108, position: 6, servedUpTo: 102, etaSeconds: 2 }))
  expect(screen.getByTestId('ahead').textContent).toBe('4')
  act(() => streams[1]!.send('position', { number: 108, position: 1, servedUpTo: 107, etaSeconds: 1 }))
  await waitFor(() => expect(screen.getByTestId('ahead').textContent).toBe('0'))
  expect(screen.getByText('실시간 연결됨')).toBeTruthy()
})

test('when the phone reports going offline, the stream is dropped at once and the page says it is reconnecting', async () => {
  const streams: SseControl[] = []
  queueServer(streams)
  renderAt('/events/e1/queue', '/events/:id/queue', <QueuePage />)
  await waitFor(() => expect(streams).toHaveLength(1))
  await screen.findByText('실시간 연결됨')
  act(() => {
    window.dispatchEvent(new Event('offline'))
  })
  await screen.findByText(/다시 연결하는 중/)
  expect(streams[0]!.aborted()).toBe(true)
  expect(screen.getByTestId('ahead').textContent).toBe('7')
})

test('leaving the queue says so and offers the way back', async () => {
  const streams: SseControl[] = []
  queueServer(streams)
  renderAt('/events/e1/queue', '/events/:id/queue', <QueuePage />)
  await waitFor(() => expect(streams).toHaveLength(1))
  await userEvent.click(await screen.findByRole('button', { name: '대기열 나가기' }))
  await screen.findByText('대기열에서 나왔습니다.')
  // The stream closes with it: no connection stays open for a fan who left.
  expect(streams[0]!.aborted()).toBe(true)
  expect(screen.getByRole('link', { name: '공연 페이지로' })).toBeTruthy()
})

test('a sold-out result explains why, and offers to queue again for seats that come back', async () => {
  fakeServer({
    'GET /api/events/e1': () => json(200, event),
    'GET /api/events/e1/queue/me': () =>
      json(200, { ...waiting, status: 'failed', result: { reason: 'sold_out' }, position: 0 }),
  })
  renderAt('/events/e1/queue', '/events/:id/queue', <QueuePage />, 'en')
  await screen.findByText('The grade sold out.')
  expect(screen.getByText(/go to those who queued again/)).toBeTruthy()
  expect(screen.getByRole('link', { name: 'Queue again' }).getAttribute('href')).toBe('/events/e1')
})

test('a tab whose stream the server superseded stops reconnecting, says why, and resumes on request', async () => {
  const streams: SseControl[] = []
  queueServer(streams)
  renderAt('/events/e1/queue', '/events/:id/queue', <QueuePage />)
  await waitFor(() => expect(streams).toHaveLength(1))
  act(() => {
    streams[0]!.send('superseded', { reason: 'too_many_streams', max: 3 })
    streams[0]!.close()
  })
  await screen.findByText(/다른 창에서 이 대기열을 보고 있어/)
  // No reconnect of its own: well past the first backoff, still one stream.
  await new Promise((r) => setTimeout(r, 1200))
  expect(streams).toHaveLength(1)
  await userEvent.click(screen.getByRole('button', { name: '이 창에서 다시 보기' }))
  await waitFor(() => expect(streams).toHaveLength(2))
  expect(screen.queryByText(/다른 창에서 이 대기열을 보고 있어/)).toBeNull()
})

const registered = {
  ...waiting,
  number: null,
  status: 'registered',
  position: 0,
  etaSeconds: null,
  drawTicket: '0123456789abcdef0123456789abcdef',
}
const drawAt = (ms: number) => ({
  eventId: 'e1',
  status: 'open',
  algorithm: 'trusticket-draw-v1',
  drawAt: new Date(Date.now() + ms).toISOString(),
  secretHash: 'ab'.repeat(32),
  commitment: null,
  beacon: null,
  seed: null,
})

function drawServer(streams: SseControl[], draw: object) {
  return fakeServer({
    'GET /api/events/e1': () => json(200, event),
    'GET /api/events/e1/queue/me': () => json(200, registered),
    'GET /api/events/e1/draw': () => json(200, draw),
    'GET /api/events/e1/queue/stream': ({ signal }) => {
      const s = sseStream(signal)
      streams.push(s)
      return s.response
    },
  })
}

test('registered for the draw: "추첨 대기 중", the ticket and the countdown, and no stream before the opening', async () => {
  const streams: SseControl[] = []
  drawServer(streams, drawAt(3_600_000))
  renderAt('/events/e1/queue', '/events/:id/queue', <QueuePage />)
  await screen.findByRole('heading', { name: '추첨 대기 중' })
  expect(screen.getByTestId('draw-ticket').textContent).toBe(registered.drawTicket)
  await screen.findByText('추첨까지')
  expect(screen.getByText('추첨 공정성 확인하기')).toBeTruthy()
  expect(screen.getByText(`${'ab'.repeat(8)}…`)).toBeTruthy()
  // Nothing moves until the draw, so the page holds no connection open for the hour before it.
  await new Promise((r) => setTimeout(r, 200))
  expect(streams).toHaveLength(0)
})

test('after the opening the page watches, and the first position shows the number the draw gave', async () => {
  vi.spyOn(Math, 'random').mockReturnValue(0)
  const streams: SseControl[] = []
  drawServer(streams, drawAt(-1000))
  renderAt('/events/e1/queue', '/events/:id/queue', <QueuePage />)
  await screen.findByText('추첨 중입니다… 곧 대기번호가 나옵니다.')
  await waitFor(() => expect(streams).toHaveLength(1))
  act(() => streams[0]!.send('registered', registered))
  act(() => streams[0]!.send('position', { number: 17, position: 17, servedUpTo: 0, etaSeconds: null }))
  await screen.findByText('추첨으로 정해진 대기번호')
  expect(screen.getByText('17')).toBeTruthy()
  expect(screen.getByTestId('ahead').textContent).toBe('16')
  vi.restoreAllMocks()
})
