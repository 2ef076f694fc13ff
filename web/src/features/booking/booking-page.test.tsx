import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { fakeServer, json } from '../../../test/fake-server.ts'
import { renderAt } from '../../../test/render.tsx'
import BookingPage from './booking-page.tsx'
import type { PortOneSdk } from './portone.ts'

const SDK_URL = 'https://sdk.portone.test/v1/iamport.js'
const booking = (status: string) => ({
  id: 'b1',
  eventId: 'e1',
  gradeId: 'r',
  quantity: 2,
  amount: 198000,
  status,
  payBy: '2026-12-20T14:59:59Z',
  createdAt: '2026-12-01T00:00:00Z',
  tickets: [],
})
const portoneStart = {
  paymentId: 'p1',
  amount: 198000,
  provider: 'portone',
  checkout: {
    sdkUrl: SDK_URL,
    impCode: 'imp12345678',
    pg: 'html5_inicis',
    merchantUid: 'p1',
    amount: 198000,
    name: '레미제라블 R석 2매',
    buyerEmail: 'fan@example.com',
    buyerName: '김팬',
  },
}

/** A stand-in for PortOne's SDK (the outside paid service): records calls and answers as the SDK's callback does. */
function fakeImp(answer: Record<string, unknown>) {
  const calls: { init: string[]; pay: Record<string, unknown>[] } = { init: [], pay: [] }
  const imp: PortOneSdk = {
    init: (code) => calls.init.push(code),
    request_pay: (params, callback) => {
      calls.pay.push(params)
      setTimeout(() => callback(answer), 0)
    },
    certification: () => {
      throw new Error('no certification on the booking page')
    },
  }
  return { imp, calls }
}

/** The booking stays pending until /complete was called, then reads as confirmed. */
function server(onComplete = () => json(200, { status: 'paid' })) {
  let completed = false
  return fakeServer({
    'GET /api/bookings/b1': () => json(200, booking(completed ? 'confirmed' : 'pending_payment')),
    'GET /api/events/e1': () => json(404, { code: 'not_found', status: 404 }),
    'POST /api/bookings/b1/payments': () => json(201, portoneStart),
    'POST /api/payments/p1/complete': () => {
      completed = true
      return onComplete()
    },
  })
}

/** Pay, then give the PG the phone number it asks for, as a payer would. */
async function payWithPhone() {
  await userEvent.click(await screen.findByRole('button', { name: '₩198,000 결제하기' }))
  await userEvent.type(await screen.findByLabelText('휴대폰 번호'), '010-1234-5678')
  await userEvent.click(screen.getByRole('button', { name: '결제 계속' }))
}

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
  delete window.IMP
})

test('PortOne: loads the SDK from the server-given URL, calls IMP with our payment, completes with imp_uid', async () => {
  const { imp, calls } = fakeImp({ success: true, imp_uid: 'imp_1234', merchant_uid: 'p1' })
  // The test DOM does not fetch scripts: the test plays the browser, whose loaded SDK defines window.IMP.
  const appended: HTMLScriptElement[] = []
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
    for (const node of nodes)
      if (node instanceof HTMLScriptElement) {
        appended.push(node)
        window.IMP = imp
        node.dispatchEvent(new Event('load'))
      }
  })
  const http = server()
  renderAt('/bookings/b1', '/bookings/:id', <BookingPage />)
  await payWithPhone()
  await screen.findByText('예매가 확정되었습니다. 공연장에서 만나요!')

  expect(appended.map((s) => s.src)).toEqual([SDK_URL])
  expect(calls.init).toEqual(['imp12345678'])
  expect(calls.pay).toEqual([
    {
      pg: 'html5_inicis',
      pay_method: 'card',
      merchant_uid: 'p1',
      name: '레미제라블 R석 2매',
      amount: 198000,
      buyer_email: 'fan@example.com',
      buyer_name: '김팬',
      buyer_tel: '010-1234-5678',
      // Where a phone's PG pages send the browser back (they replace ours, so the callback above never runs there).
      m_redirect_url: `${window.location.origin}/bookings/b1`,
    },
  ])
  const complete = http.calls.filter((c) => c.path === '/api/payments/p1/complete')
  expect(complete.map((c) => [c.method, c.body])).toEqual([['POST', { providerPaymentId: 'imp_1234' }]])
  // The phone number went to PortOne's window only, never to our server.
  expect(JSON.stringify(http.calls)).not.toContain('1234-5678')
})

test('PortOne on a phone: back from the PG’s pages, the booking completes the payment the redirect names, once', async () => {
  const http = server()
  renderAt('/bookings/b1?imp_uid=imp_77&merchant_uid=p1', '/bookings/:id', <BookingPage />)
  await screen.findByText('예매가 확정되었습니다. 공연장에서 만나요!')
  const complete = http.calls.filter((c) => c.path === '/api/payments/p1/complete')
  expect(complete.map((c) => [c.method, c.body])).toEqual([['POST', { providerPaymentId: 'imp_77' }]])
  expect(http.calls.some((c) => c.path === '/api/bookings/b1/payments')).toBe(false)
})

test('PortOne on a phone: a redirect that says the payment failed shows PortOne’s reason and completes nothing', async () => {
  const http = server()
  const reason = encodeURIComponent('카드 한도가 초과되었습니다')
  renderAt(
    `/bookings/b1?imp_uid=imp_78&merchant_uid=p1&imp_success=false&error_msg=${reason}`,
    '/bookings/:id',
    <BookingPage />,
  )
  expect((await screen.findByRole('alert')).textContent).toBe('카드 한도가 초과되었습니다')
  expect(await screen.findByRole('button', { name: '₩198,000 결제하기' })).toBeTruthy()
  expect(http.calls.some((c) => c.path.endsWith('/complete'))).toBe(false)
})

test('PortOne: a failed or cancelled window shows PortOne’s reason and never calls /complete', async () => {
  const { imp, calls } = fakeImp({
    success: false,
    imp_uid: 'imp_9',
    error_code: 'F400',
    error_msg: '사용자가 결제를 취소하셨습니다',
  })
  window.IMP = imp
  const append = vi.spyOn(document.head, 'append')
  const http = server()
  renderAt('/bookings/b1', '/bookings/:id', <BookingPage />)
  await payWithPhone()
  expect((await screen.findByRole('alert')).textContent).toBe('사용자가 결제를 취소하셨습니다')
  expect(calls.pay).toHaveLength(1)
  // The SDK was already on the page: no second script.
  expect(append).not.toHaveBeenCalled()
  // Trying again opens a second window on the same SDK, initialised once (PortOne's guide).
  await payWithPhone()
  await waitFor(() => expect(calls.pay).toHaveLength(2))
  expect(calls.init).toEqual(['imp12345678'])
  await waitFor(() => expect(screen.getByRole('button', { name: '₩198,000 결제하기' })).toBeTruthy())
  expect(http.calls.some((c) => c.path.endsWith('/complete'))).toBe(false)
})

test('PortOne: an SDK that cannot load says so, and the next attempt loads it again', async () => {
  const { imp, calls } = fakeImp({ success: true, imp_uid: 'imp_2' })
  let attempts = 0
  vi.spyOn(document.head, 'append').mockImplementation((...nodes) => {
    for (const node of nodes) {
      if (!(node instanceof HTMLScriptElement)) continue
      attempts += 1
      if (attempts === 1) node.dispatchEvent(new Event('error'))
      else {
        window.IMP = imp
        node.dispatchEvent(new Event('load'))
      }
    }
  })
  server()
  renderAt('/bookings/b1', '/bookings/:id', <BookingPage />)
  await payWithPhone()
  expect((await screen.findByRole('alert')).textContent).toBe(
    '결제창을 불러오지 못했습니다. 연결을 확인한 뒤 다시 시도해 주세요.',
  )
  expect(calls.pay).toHaveLength(0)
  await payWithPhone()
  await screen.findByText('예매가 확정되었습니다. 공연장에서 만나요!')
  expect([attempts, calls.pay.length]).toEqual([2, 1])
})

test('a confirmed booking shows each valid ticket’s entry QR on demand, and a used one as checked in', async () => {
  const http = fakeServer({
    'GET /api/bookings/b1': () =>
      json(200, {
        ...booking('confirmed'),
        tickets: [
          { id: 't1', status: 'valid' },
          { id: 't2', status: 'used' },
        ],
      }),
    'GET /api/events/e1': () => json(404, { code: 'not_found', status: 404 }),
    'POST /api/tickets/t1/pass': () =>
      json(200, { pass: 'eyJ.pass.sig', expiresAt: new Date(Date.now() + 60_000).toISOString() }),
  })
  renderAt('/bookings/b1', '/bookings/:id', <BookingPage />)
  expect(await screen.findByText('입장 완료')).toBeTruthy()
  expect(http.calls.some((c) => c.path.startsWith('/api/tickets/'))).toBe(false) // only when asked
  await userEvent.click(screen.getByRole('button', { name: '입장 QR 보기' }))
  const code = (await screen.findByRole('img', { name: '입장 QR 코드' })) as HTMLImageElement
  expect(code.src).toMatch(/^data:image\/png;base64,/)
  expect(http.calls.filter((c) => c.path === '/api/tickets/t1/pass').map((c) => c.method)).toEqual(['POST'])
  await userEvent.click(screen.getByRole('button', { name: 'QR 닫기' }))
  expect(screen.queryByRole('img', { name: '입장 QR 코드' })).toBeNull()
})

test('an entry QR is fetched again 15 s before its pass expires, and not after it is closed', async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  try {
    let issued = 0
    const http = fakeServer({
      'GET /api/bookings/b1': () => json(200, { ...booking('confirmed'), tickets: [{ id: 't1', status: 'valid' }] }),
      'GET /api/events/e1': () => json(404, { code: 'not_found', status: 404 }),
      'POST /api/tickets/t1/pass': () =>
        json(200, { pass: `pass-${++issued}`, expiresAt: new Date(Date.now() + 60_000).toISOString() }),
    })
    const passes = () => http.calls.filter((c) => c.path === '/api/tickets/t1/pass').length
    renderAt('/bookings/b1', '/bookings/:id', <BookingPage />)
    await userEvent.click(await screen.findByRole('button', { name: '입장 QR 보기' }))
    await screen.findByRole('img', { name: '입장 QR 코드' })
    expect(passes()).toBe(1)
    await vi.advanceTimersByTimeAsync(44_000)
    expect(passes()).toBe(1)
    await vi.advanceTimersByTimeAsync(2_000)
    await waitFor(() => expect(passes()).toBe(2))
    await userEvent.click(screen.getByRole('button', { name: 'QR 닫기' }))
    await vi.advanceTimersByTimeAsync(120_000)
    expect(passes()).toBe(2)
  } finally {
    vi.useRealTimers()
  }
})

test('test provider: the in-page checkout sends the decision with the payer’s token, then completes', async () => {
  localStorage.setItem('tt.refresh', 'r1')
  let completed = false
  const http = fakeServer({
    'POST /api/auth/refresh': () => json(200, { accessToken: 'payer-token', refreshToken: 'r2' }),
    'GET /api/bookings/b1': () => json(200, booking(completed ? 'confirmed' : 'pending_payment')),
    'GET /api/events/e1': () => json(404, { code: 'not_found', status: 404 }),
    'POST /api/bookings/b1/payments': () =>
      json(201, {
        paymentId: 'p1',
        amount: 198000,
        provider: 'test',
        checkout: { url: '/api/payments/test-checkout/p1' },
      }),
    'POST /api/payments/test-checkout/p1': () => json(200, { providerPaymentId: 'test_1', status: 'paid' }),
    'POST /api/payments/p1/complete': () => {
      completed = true
      return json(200, { status: 'paid' })
    },
  })
  renderAt('/bookings/b1', '/bookings/:id', <BookingPage />)
  await userEvent.click(await screen.findByRole('button', { name: /결제하기/ }))
  const dialog = await screen.findByRole('dialog', { name: '테스트 결제' })
  expect(dialog.textContent).toContain('₩198,000')
  await userEvent.click(screen.getByRole('button', { name: '승인' }))
  await waitFor(() => expect(completed).toBe(true))
  const decision = http.calls.find((c) => c.path === '/api/payments/test-checkout/p1')!
  expect(decision.body).toEqual({ decision: 'approve' })
  expect(decision.headers.authorization).toBe('Bearer payer-token')
  const complete = http.calls.find((c) => c.path === '/api/payments/p1/complete')!
  expect(complete.body).toEqual({ providerPaymentId: 'test_1' })
  localStorage.clear()
})
