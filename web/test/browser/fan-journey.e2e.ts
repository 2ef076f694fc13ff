// The fan's whole journey on a phone, in Korean: sign up → search → event → book → queue → pay → confirmed.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import {
  createOnSaleEvent,
  demoLogin,
  launchBrowser,
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

test('a fan signs up, finds an event in Korean, books through the queue, pays and sees it confirmed', async () => {
  const event = await createOnSaleEvent(server, '레미제라블 부산 앙코르 공연')
  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  // Expected 4xx answers (the validation error we provoke) log "Failed to load resource"; anything else is a bug.
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('status of 4') && problems.push(m.text()))

  await page.goto('/')
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('공정하게')
  await page.getByRole('heading', { name: '곧 오픈하는 공연' }).waitFor()
  await page.locator('.grid .card').first().waitFor()
  await screenshot(page, '01-home')

  await page.getByRole('link', { name: '회원가입' }).click()
  await page.getByLabel('이름').fill('김예매')
  await page.getByLabel('이메일').fill(`fan-${Date.now()}@e2e.test`)
  await page.getByLabel('비밀번호').fill('short')
  await page.getByRole('button', { name: '회원가입' }).click()
  // The server's reason appears beside the password field, in Korean, as the form's hint says.
  await page.locator('.field.invalid').getByText('비밀번호는 8자 이상이어야 합니다.').waitFor()
  await screenshot(page, '02-signup-error')
  await page.getByLabel('비밀번호').fill('a-long-passphrase-42')
  await page.getByRole('button', { name: '회원가입' }).click()
  await page.getByText('로그아웃').waitFor()

  // Suggestions while typing, then the results page.
  await page.getByRole('combobox').fill('레미제라블')
  await page.getByRole('option', { name: /레미제라블 부산 앙코르/ }).waitFor()
  await screenshot(page, '03-suggestions')
  await page.getByRole('combobox').press('Enter')
  await page.waitForURL(/\/search\?q=/)
  await page
    .getByRole('link', { name: /레미제라블 부산 앙코르/ })
    .first()
    .waitFor()
  await screenshot(page, '04-search-results')
  await page
    .getByRole('link', { name: /레미제라블 부산 앙코르/ })
    .first()
    .click()

  await page.waitForURL(`**/events/${event.id}`)
  await page.getByText('잔여 50석').first().waitFor()
  await expect.poll(() => page.locator('.facts').textContent()).toMatch(/\d{4}년 \d+월 \d+일/)
  await page.getByLabel(/R석/).check()
  await page.getByLabel('매수').selectOption('2')
  await expect.poll(() => page.locator('.total').textContent()).toContain('₩240,000')
  await screenshot(page, '05-event')
  await page.getByRole('button', { name: '대기열 입장하기' }).click()

  await page.waitForURL(`**/events/${event.id}/queue`)
  await page.getByRole('heading', { name: '좌석을 확보했습니다!' }).waitFor({ timeout: 30_000 })
  await page.getByText('결제 마감까지').waitFor()
  await screenshot(page, '06-queue-success')
  await page.getByRole('link', { name: '결제하기' }).click()

  await page.waitForURL(/\/bookings\//)
  await page.getByText('결제 대기').waitFor()
  await screenshot(page, '07-booking-unpaid')
  await page.getByRole('button', { name: /₩240,000 결제하기/ }).click()
  await page.getByRole('dialog', { name: '테스트 결제' }).getByRole('button', { name: '승인' }).click()
  await page.getByText('예매가 확정되었습니다', { exact: false }).waitFor({ timeout: 30_000 })
  await screenshot(page, '08-booking-confirmed')

  // At the door: the fan shows a ticket's entry QR (drawn by the page), staff admit that pass once.
  const issued = page.waitForResponse((r) => /\/api\/tickets\/[^/]+\/pass$/.test(new URL(r.url()).pathname))
  await page.getByRole('button', { name: '입장 QR 보기' }).first().click()
  const { pass } = (await (await issued).json()) as { pass: string }
  const code = page.getByRole('img', { name: '입장 QR 코드' })
  await code.waitFor()
  expect(await code.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth >= 200)).toBe(true)
  await screenshot(page, '08b-entry-qr')
  const gateContext = await phoneContext(browser, server.url)
  const gate = await gateContext.newPage()
  await gate.goto(`/login?next=${encodeURIComponent(`/gate?event=${event.id}`)}`)
  await gate.getByLabel('이메일').fill('admin@trusticket.demo')
  await gate.getByLabel('비밀번호').fill(demoLogin(server, 'admin')[1])
  await gate.getByRole('button', { name: '로그인' }).click()
  await gate.getByRole('heading', { name: '입장 확인' }).waitFor()
  expect(await gate.getByLabel('공연').inputValue()).toBe(event.id)
  await gate.getByLabel('입장 QR').fill(pass)
  await gate.getByLabel('입장 QR').press('Enter')
  await expect.poll(() => gate.getByRole('status').textContent()).toContain('입장 가능')
  await screenshot(gate, '08c-gate-admitted')
  await gate.getByLabel('입장 QR').fill(pass)
  await gate.getByLabel('입장 QR').press('Enter')
  await expect.poll(() => gate.getByRole('alert').textContent()).toContain('이미 입장한 티켓입니다')
  await gateContext.close()

  await page.getByRole('link', { name: '내 예매' }).first().click()
  await page.locator('.card.booking[data-status="confirmed"]').waitFor()
  await expect.poll(() => page.locator('.card.booking').first().textContent()).toContain('레미제라블 부산 앙코르')
  await screenshot(page, '09-my-bookings')
  expect(problems).toEqual([])
  await context.close()
})
