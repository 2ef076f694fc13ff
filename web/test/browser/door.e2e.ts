// The door of a protected event, in Chromium on a phone: the fan verifies (본인인증, the test provider), the event
// page solves the proof-of-work in Web Workers while the fan looks, and the join gets its place. Writes the solve
// time to test-artifacts/web/pow-solve.json (docs/BENCHMARKS.md, pow).
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, inject, test } from 'vitest'
import {
  ARTIFACTS,
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

  await page.goto('/signup')
  await page.getByLabel('이름').fill('김문지기')
  await page.getByLabel('이메일').fill(`door-${Date.now()}@e2e.test`)
  await page.getByLabel('비밀번호').fill('a-long-passphrase-42')
  await page.getByRole('button', { name: '회원가입' }).click()
  await page.getByText('로그아웃').waitFor()

  // Unverified, the event page says what is missing and links to it.
  await page.goto(`/events/${event.id}`)
  await page.getByText('이 공연은 본인인증을 마친 분만 예매할 수 있습니다.').waitFor()
  await page.getByRole('link', { name: '본인인증하기' }).click()
  await page.getByRole('button', { name: '본인인증하기' }).click()
  await page.getByLabel('사람 이름표').fill(`문지기-${Date.now()}`)
  await page.getByLabel('생년월일').fill('1996-08-15')
  await page.getByRole('button', { name: '인증 완료' }).click()
  await page.getByText('본인인증을 마쳤습니다.').waitFor()
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
