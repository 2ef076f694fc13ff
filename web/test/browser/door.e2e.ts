// The door of a protected event, in Chromium on a phone: the fan verifies (본인인증, the test provider), the event
// page solves the proof-of-work in Web Workers while the fan looks, and the join gets its place. Writes the solve
// time to test-artifacts/web/pow-solve.json (docs/BENCHMARKS.md, pow).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import {
  ARTIFACTS,
  call,
  createOnSaleEvent,
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

const COST = 2_000

/** A new fan signs up and verifies (the test provider), starting from a protected event's page. */
async function signUpAndVerify(page: Page, eventId: string) {
  await page.goto('/signup')
  await page.getByLabel('이름').fill('김문지기')
  await page.getByLabel('이메일').fill(`door-${Date.now()}@e2e.test`)
  await page.getByLabel('비밀번호').fill('a-long-passphrase-42')
  await page.getByRole('button', { name: '회원가입' }).click()
  await page.getByText('로그아웃').waitFor()

  // Unverified, the event page says what is missing and links to it.
  await page.goto(`/events/${eventId}`)
  await page.getByText('이 공연은 본인인증을 마친 분만 예매할 수 있습니다.').waitFor()
  await page.getByRole('link', { name: '본인인증하기' }).click()
  await page.getByRole('button', { name: '본인인증하기' }).click()
  await page.getByLabel('사람 이름표').fill(`문지기-${Date.now()}`)
  await page.getByLabel('생년월일').fill('1996-08-15')
  await page.getByRole('button', { name: '인증 완료' }).click()
  await page.getByText('본인인증을 마쳤습니다.').waitFor()
}

test('a fan verifies who they are, the page pays the bot cost unseen, and the protected event takes the join', async () => {
  const event = await createOnSaleEvent(server, '보호된 앙코르 공연', 20, undefined, {
    requireIdentity: true,
    entryChallenge: { cost: COST },
  })
  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('status of 4') && problems.push(m.text()))

  await signUpAndVerify(page, event.id)
  await screenshot(page, 'door-01-verified')

  const opened = Date.now()
  await page.goto(`/events/${event.id}`)
  const book = page.getByRole('button', { name: '대기열 입장하기' })
  await book.waitFor({ timeout: 60_000 })
  await expect.poll(() => book.isEnabled(), { timeout: 60_000 }).toBe(true)
  const solveMs = Date.now() - opened
  mkdirSync(ARTIFACTS, { recursive: true })
  writeFileSync(
    join(ARTIFACTS, 'pow-solve.json'),
    `${JSON.stringify({ cost: COST, pageToReadyMs: solveMs }, null, 2)}\n`,
  )
  process.stdout.write(`door: proof-of-work at cost ${COST} ready ${solveMs} ms after opening the event page\n`)
  await screenshot(page, 'door-02-ready')

  await book.click()
  await page.waitForURL(/\/queue$/)
  // In the queue, or already through it (the worker is quick with 20 seats and one fan).
  await page
    .getByText(/내 대기번호|좌석을 확보했습니다/)
    .first()
    .waitFor()
  await screenshot(page, 'door-03-queue')
  expect(problems).toEqual([])
}, 120_000)

test('a verified fan joins the pre-queue of a protected event, is drawn a number at the opening, and gets seats', async () => {
  const at = (ms: number) => new Date(Date.now() + ms).toISOString()
  const event = await createOnSaleEvent(server, '추첨 오픈 공연', 20, undefined, {
    requireIdentity: true,
    entryChallenge: { cost: 500 },
    preQueueOpensAt: at(-60_000),
    saleOpensAt: at(25_000),
  })
  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('status of 4') && problems.push(m.text()))
  await signUpAndVerify(page, event.id)

  await page.goto(`/events/${event.id}`)
  await page.getByText(/공개 추첨으로 정해집니다/).waitFor()
  const join = page.getByRole('button', { name: '사전 대기열 참여하기' })
  await expect.poll(() => join.isEnabled(), { timeout: 30_000 }).toBe(true)
  await join.click()
  await page.waitForURL(/\/queue$/)
  await page.getByRole('heading', { name: '추첨 대기 중' }).waitFor()
  const ticket = await page.getByTestId('draw-ticket').textContent()
  expect(ticket).toMatch(/^[0-9a-f]{32}$/)
  await page.getByText('추첨까지').waitFor()
  await screenshot(page, 'door-04-registered')

  // The opening: the list freezes, the draw numbers it, the page finds its number and the worker its seats.
  await page.getByRole('heading', { name: '좌석을 확보했습니다!' }).waitFor({ timeout: 90_000 })
  await screenshot(page, 'door-05-drawn')
  const draw = await call<{ status: string; entries: number; seed: string | null }>(
    server,
    `/api/events/${event.id}/draw`,
  )
  expect(draw).toMatchObject({ status: 'drawn', entries: 1 })
  const list = await call<{ entries: { ticket: string; number: number }[] }>(
    server,
    `/api/events/${event.id}/draw/list`,
  )
  expect(list.entries).toEqual([{ ticket, number: 1 }])
  expect(problems).toEqual([])
}, 180_000)
