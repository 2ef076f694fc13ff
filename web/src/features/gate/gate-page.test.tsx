import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import GatePage from './gate-page.tsx'

afterEach(() => {
  vi.unstubAllGlobals()
})

const event = {
  id: 'e1',
  title: '레미제라블',
  category: 'musical',
  performers: [],
  venue: { name: '블루스퀘어', city: '서울' },
  startsAt: '2026-12-24T11:00:00Z',
  saleOpensAt: '2026-12-01T11:00:00Z',
  saleClosesAt: '2026-12-24T10:00:00Z',
}

test('a scanned pass admits its holder once: green with the name, then red for the same ticket', async () => {
  let scans = 0
  const http = fakeServer({
    'GET /api/events': () => json(200, { items: [event], nextCursor: null }),
    'POST /api/gate/check-in': () =>
      ++scans === 1
        ? json(200, {
            ticketId: 't1',
            eventId: 'e1',
            bookingId: 'b1',
            gradeId: 'r',
            holder: { name: '김팬' },
            checkedInAt: '2026-12-24T10:30:00Z',
          })
        : json(409, { code: 'gate.already_used', status: 409, detail: 'used' }),
  })
  renderAt('/gate', '/gate', <GatePage />)
  await userEvent.selectOptions(await screen.findByLabelText('공연'), 'e1')
  const field = screen.getByLabelText('입장 QR')
  // A venue scanner types the code and presses Enter.
  await userEvent.type(field, 'pass.one.sig{Enter}')
  expect((await screen.findByRole('status')).textContent).toBe('입장 가능 예매자: 김팬')
  expect((field as HTMLInputElement).value).toBe('')
  expect(document.activeElement).toBe(field)
  const sent = http.calls.filter((c) => c.path === '/api/gate/check-in')
  expect(sent.map((c) => [c.method, c.body])).toEqual([['POST', { pass: 'pass.one.sig', eventId: 'e1' }]])

  await userEvent.type(field, 'pass.one.sig{Enter}')
  expect((await screen.findByRole('alert')).textContent).toBe('입장 불가 이미 입장한 티켓입니다.')
  await waitFor(() => expect(screen.queryByRole('status')).toBeNull())
})

test('nothing is sent before an event is chosen', async () => {
  const http = fakeServer({ 'GET /api/events': () => json(200, { items: [event], nextCursor: null }) })
  renderAt('/gate', '/gate', <GatePage />)
  expect(((await screen.findByLabelText('입장 QR')) as HTMLInputElement).disabled).toBe(true)
  expect((screen.getByRole('button', { name: '입장 확인' }) as HTMLButtonElement).disabled).toBe(true)
  expect(http.calls.some((c) => c.path === '/api/gate/check-in')).toBe(false)
})

test('arriving with ?event= opens the gate for that event, even one beyond the upcoming list', async () => {
  fakeServer({
    'GET /api/events': () => json(200, { items: [event], nextCursor: null }),
    'GET /api/events/e9': () => json(200, { ...event, id: 'e9', title: '먼 훗날의 공연' }),
  })
  renderAt('/gate?event=e9', '/gate', <GatePage />)
  const select = (await screen.findByLabelText('공연')) as HTMLSelectElement
  await waitFor(() => expect(select.value).toBe('e9'))
  expect(select.selectedOptions[0]!.textContent).toContain('먼 훗날의 공연')
  expect((screen.getByLabelText('입장 QR') as HTMLInputElement).disabled).toBe(false)
})
