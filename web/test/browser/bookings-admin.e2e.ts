// The rest of the fan's and the admin's pages: a declined payment, cancelling an unpaid booking, logging out, and
// an admin finding an account and changing its role.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import {
  call,
  createOnSaleEvent,
  demoLogin,
  launchBrowser,
  login,
  phoneContext,
  type Server,
  screenshot,
  sharedServer,
} from './harness.ts'

let server: Server
let browser: Browser

beforeAll(async () => {
  server = sharedServer(inject('serverUrl'), inject('demoLogins'))
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

test('a declined payment is said, the unpaid booking can be cancelled, and the fan logs out', async () => {
  const event = await createOnSaleEvent(server, '취소 테스트 공연')
  const email = `cancel-${Date.now()}@e2e.test`
  const { accessToken } = await call<{ accessToken: string }>(server, '/api/auth/signup', {
    email,
    password: 'cancel-pass-4242',
    name: '취소',
  })
  await call(server, `/api/events/${event.id}/queue`, { gradeId: event.grades[0]!.id, quantity: 1 }, accessToken)
  await expect
    .poll(
      async () =>
        (await call<{ status: string }>(server, `/api/events/${event.id}/queue/me`, undefined, accessToken)).status,
    )
    .toBe('succeeded')

  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  await page.goto('/login?next=/bookings')
  await page.getByLabel('이메일').fill(email)
  await page.getByLabel('비밀번호').fill('cancel-pass-4242')
  await page.getByRole('button', { name: '로그인' }).click()
  await page.locator('.card.booking[data-status="pending_payment"]').waitFor()
  await page.getByText(/까지 결제/).waitFor()
  await page.getByRole('link', { name: '결제하기' }).click()

  await page.getByRole('button', { name: /₩150,000 결제하기/ }).click()
  await page.getByRole('dialog', { name: '테스트 결제' }).getByRole('button', { name: '거절' }).click()
  await page.locator('.error-text[role="alert"]').waitFor({ timeout: 20_000 })
  await screenshot(page, '18-payment-declined')
  expect(await page.getByText('결제 대기').count()).toBeGreaterThan(0)

  page.once('dialog', (d) => d.accept())
  await page.getByRole('button', { name: '예매 취소' }).click()
  await page.getByText('취소됨').waitFor()
  await page.getByRole('link', { name: '내 예매 목록' }).click()
  await page.locator('.card.booking[data-status="cancelled"]').waitFor()

  await page.getByRole('button', { name: '로그아웃' }).click()
  await page.getByRole('link', { name: '로그인' }).waitFor()
  expect(await page.evaluate(() => localStorage.getItem('tt.refresh'))).toBeNull()
  await context.close()
})

test('an admin finds an account in the list, changes its role in place, and is refused their own', async () => {
  const fanToken = await login(server, ...demoLogin(server, 'user'))

  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  await page.goto('/login?next=/admin')
  await page.getByLabel('이메일').fill('admin@trusticket.demo')
  await page.getByLabel('비밀번호').fill(demoLogin(server, 'admin')[1])
  await page.getByRole('button', { name: '로그인' }).click()
  await page.getByRole('heading', { name: '계정과 권한' }).waitFor()
  const accounts = page.getByRole('list', { name: '계정 목록' })
  await accounts.getByRole('listitem').first().waitFor()

  await page.getByLabel('이메일 또는 이름').fill('fan@trusticket')
  const fanRow = accounts.getByRole('listitem').filter({ hasText: 'fan@trusticket.demo' })
  await expect.poll(() => accounts.getByRole('listitem').count()).toBe(1)
  await fanRow.getByLabel('fan@trusticket.demo의 권한').selectOption('staff')
  await fanRow.getByRole('button', { name: /저장/ }).click()
  await fanRow.getByText('입장 스태프(으)로 변경했습니다.').waitFor()
  // The change ends the fan's access token at once; their next login (or refresh) carries the new role.
  await expect(call(server, '/api/me', undefined, fanToken)).rejects.toThrow(/401/)
  const again = await login(server, ...demoLogin(server, 'user'))
  expect((await call<{ role: string }>(server, '/api/me', undefined, again)).role).toBe('staff')

  await page.getByLabel('이메일 또는 이름').fill('')
  await page.getByLabel('권한', { exact: true }).selectOption('admin')
  const adminRow = accounts.getByRole('listitem').filter({ hasText: 'admin@trusticket.demo' })
  await adminRow.getByLabel('admin@trusticket.demo의 권한').selectOption('user')
  await adminRow.getByRole('button', { name: /저장/ }).click()
  await adminRow.getByRole('alert').getByText('자신의 권한은 바꿀 수 없습니다').waitFor()
  expect(await adminRow.getByLabel('admin@trusticket.demo의 권한').inputValue()).toBe('admin')
  await page.getByLabel('권한', { exact: true }).selectOption('')
  await fanRow.waitFor()
  await screenshot(page, '19-admin')

  const fan = await call<{ id: string }>(server, '/api/me', undefined, again)
  await call(
    server,
    `/api/admin/users/${fan.id}`,
    { role: 'user' },
    await login(server, ...demoLogin(server, 'admin')),
    'PATCH',
  )
  await context.close()
})
