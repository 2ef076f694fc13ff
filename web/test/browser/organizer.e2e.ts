// An organizer publishes an event with a poster and watches its live dashboard as fans book; the English toggle.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import {
  call,
  demoLogin,
  launchBrowser,
  newFan,
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

/** "YYYY-MM-DDTHH:mm" in Seoul wall time, `hours` from now. */
const seoul = (hours: number) => new Date(Date.now() + 9 * 3600_000 + hours * 3600_000).toISOString().slice(0, 16)

test('an organizer creates an event with a poster and its dashboard follows the sales', async () => {
  const poster = join(mkdtempSync(join(tmpdir(), 'tt-poster-')), 'poster.png')
  await sharp({ create: { width: 600, height: 800, channels: 3, background: '#5b2ae0' } })
    .png()
    .toFile(poster)

  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  await page.goto('/login?next=/organizer')
  await page.getByLabel('이메일').fill('organizer@trusticket.demo')
  await page.getByLabel('비밀번호').fill(demoLogin(server, 'organizer')[1])
  await page.getByRole('button', { name: '로그인' }).click()
  await page.waitForURL('**/organizer')
  await page.getByRole('link', { name: '새 공연 등록' }).click()

  // Submitting empty: the server's errors appear beside the fields.
  await page.getByRole('button', { name: '등록하기' }).click()
  await page.locator('.field.invalid').first().waitFor()
  expect(await page.getByLabel('공연명').getAttribute('aria-invalid')).toBe('true')

  await page.getByLabel('공연명').fill('브라우저 테스트 콘서트 〈봄〉')
  await page.getByLabel('장르').selectOption('concert')
  await page.getByLabel('출연진').fill('테스트 밴드, Test Band')
  await page.getByLabel('소개').fill('봄맞이 콘서트입니다.')
  await page.getByLabel('공연장').fill('올림픽홀')
  await page.getByLabel('도시').fill('서울')
  await page.getByLabel('공연 시작').fill(seoul(24 * 20))
  await page.getByLabel('예매 오픈').fill(seoul(-1))
  await page.getByLabel('예매 마감').fill(seoul(24 * 10))
  await page.getByLabel('포스터').setInputFiles(poster)
  await page.locator('img.poster.preview').waitFor()
  await page.getByLabel('등급', { exact: true }).first().fill('R석')
  await page.getByLabel('가격(원)').first().fill('99000')
  await page.getByLabel('좌석 수').first().fill('30')
  await page.getByRole('button', { name: '등급 추가' }).click()
  await page.getByLabel('등급', { exact: true }).nth(1).fill('S석')
  await page.getByLabel('가격(원)').nth(1).fill('77000')
  await page.getByLabel('좌석 수').nth(1).fill('40')
  await screenshot(page, '12-organizer-form')
  await page.getByRole('button', { name: '등록하기' }).click()

  await page.waitForURL((url) => /\/organizer\/events\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'))
  const eventId = page.url().split('/').pop()!
  await page.getByTestId('stat-sold').waitFor()
  expect(await page.getByTestId('stat-sold').textContent()).toContain('0')

  const event = await call<{ grades: { id: string; name: string }[]; posterUrl: string | null }>(
    server,
    `/api/events/${eventId}`,
  )
  expect(event.posterUrl).not.toBeNull()
  const r = event.grades.find((g) => g.name === 'R석')!
  const fans = [await newFan(server), await newFan(server), await newFan(server)]
  for (const fan of fans) await call(server, `/api/events/${eventId}/queue`, { gradeId: r.id, quantity: 2 }, fan)
  await expect.poll(() => page.getByTestId('stat-sold').textContent(), { timeout: 20_000 }).toContain('6')
  expect(await page.getByTestId('stat-revenue').textContent()).toContain('₩594,000')

  // One of them pays, as the browser would: the test checkout's answer, then /complete.
  const [booking] = await call<{ id: string }[] | { items: { id: string }[] }>(
    server,
    '/api/bookings',
    undefined,
    fans[0],
  ).then((b) => (Array.isArray(b) ? b : b.items))
  const payment = await call<{ paymentId: string; checkout: { url: string } }>(
    server,
    `/api/bookings/${booking!.id}/payments`,
    {},
    fans[0],
  )
  const answer = await call<{ providerPaymentId: string }>(
    server,
    payment.checkout.url,
    { decision: 'approve' },
    fans[0],
  )
  await call(
    server,
    `/api/payments/${payment.paymentId}/complete`,
    { providerPaymentId: answer.providerPaymentId },
    fans[0],
  )
  await expect
    .poll(() => page.getByTestId('stat-paid-revenue').textContent(), { timeout: 25_000 })
    .toContain('₩198,000')
  await screenshot(page, '13-organizer-dashboard')

  await page.getByRole('link', { name: '수정' }).click()
  await page.getByLabel('공연명').fill('브라우저 테스트 콘서트 〈봄〉 앙코르')
  await page.getByRole('button', { name: '저장하기' }).click()
  await page.getByRole('heading', { name: '브라우저 테스트 콘서트 〈봄〉 앙코르' }).waitFor()

  await page.getByRole('link', { name: '기획자' }).click()
  await page.getByText('브라우저 테스트 콘서트 〈봄〉 앙코르').waitFor()
  // The demo organizer's seeded events are theirs too (listed by the server, not remembered by this browser).
  await page.getByText(/\[체험\] 아이유 콘서트/).waitFor()
  await screenshot(page, '14-organizer-events', false)
  await context.close()
})

test('the English toggle switches the whole app and is remembered', async () => {
  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  await page.goto('/')
  await page.getByRole('heading', { name: '줄 서는 것도 공정하게' }).waitFor()
  await page.getByRole('button', { name: 'English' }).click()
  await page.getByRole('heading', { name: 'Fair queues, real tickets' }).waitFor()
  expect(await page.locator('html').getAttribute('lang')).toBe('en')
  await page.getByRole('link', { name: 'Find events' }).waitFor()
  await page.locator('.grid .card').first().waitFor()
  await screenshot(page, '15-home-english')

  await page.reload()
  await page.getByRole('heading', { name: 'Fair queues, real tickets' }).waitFor()
  await page.locator('.grid .card-link').first().click()
  await page.getByRole('heading', { name: 'Book' }).waitFor()
  await expect.poll(() => page.locator('.facts').textContent()).toMatch(/\d{4}/)
  await screenshot(page, '16-event-english')
  await page.getByRole('button', { name: '한국어' }).click()
  await page.getByRole('heading', { name: '예매하기' }).waitFor()
  await context.close()
})
