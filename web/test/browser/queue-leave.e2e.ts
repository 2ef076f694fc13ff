// Waiting in the queue (no worker runs, so the place holds): the page shows number and people ahead, survives a
// reload, and the fan leaves. Also measures what a phone downloads to open the queue page.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  ARTIFACTS,
  call,
  createOnSaleEvent,
  launchBrowser,
  login,
  newFan,
  phoneContext,
  type Server,
  screenshot,
  startServer,
} from './harness.ts'

const DIST = new URL('../../dist', import.meta.url).pathname
let server: Server
let browser: Browser

beforeAll(async () => {
  // No worker role: nothing processes the queue, so places hold still. No demo data needed either.
  server = await startServer({
    ROLES: 'api,gateway',
    SEED_DEMO: 'off',
    ADMIN_EMAIL: 'admin@e2e.test',
    ADMIN_PASSWORD: 'gate-keeper-4242',
  })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
})

test('a waiting fan sees their place, keeps it across a reload and a network loss, and leaves the queue', async () => {
  const event = await createOnSaleEvent(server, '햄릿 대기열 테스트', 50, ['admin@e2e.test', 'gate-keeper-4242'])
  await call(server, '/api/auth/signup', { email: 'waiting@e2e.test', password: 'patient-fan-4242', name: '대기' })
  for (let i = 0; i < 5; i++)
    await call(
      server,
      `/api/events/${event.id}/queue`,
      { gradeId: event.grades[0]!.id, quantity: 1 },
      await newFan(server),
    )

  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  await page.goto(`/login?next=/events/${event.id}`)
  await page.getByLabel('이메일').fill('waiting@e2e.test')
  await page.getByLabel('비밀번호').fill('patient-fan-4242')
  await page.getByRole('button', { name: '로그인' }).click()
  await page.waitForURL(`**/events/${event.id}`)
  await page.getByRole('button', { name: '대기열 입장하기' }).click()

  await page.waitForURL(`**/events/${event.id}/queue`)
  await page.getByTestId('ahead').waitFor()
  expect(await page.getByTestId('ahead').textContent()).toBe('5')
  expect(await page.locator('.queue-number strong').textContent()).toBe('6')
  await page.getByText('실시간 연결됨').waitFor()
  await screenshot(page, '10-queue-waiting')

  // A reload is a cold start of the queue page: record every byte it fetches.
  const loaded: string[] = []
  page.on('response', (r) => {
    const url = new URL(r.url())
    if (url.origin === server.url && !url.pathname.startsWith('/api/')) loaded.push(url.pathname)
  })
  await page.reload()
  await page.getByTestId('ahead').waitFor()
  expect(await page.locator('.queue-number strong').textContent()).toBe('6')
  recordQueuePageWeight(loaded)

  // The phone loses its network: the page says so and keeps the place; back online, it is live again.
  await page.getByText('실시간 연결됨').waitFor()
  await context.setOffline(true)
  await page.getByText(/다시 연결하는 중/).waitFor({ timeout: 20_000 })
  await screenshot(page, '10b-queue-offline')
  await context.setOffline(false)
  await page.getByText('실시간 연결됨').waitFor({ timeout: 20_000 })
  expect(await page.locator('.queue-number strong').textContent()).toBe('6')

  await page.getByRole('button', { name: '대기열 나가기' }).click()
  await page.getByText('대기열에서 나왔습니다.').waitFor()
  await screenshot(page, '11-queue-left')
  const token = await login(server, 'waiting@e2e.test', 'patient-fan-4242')
  const entry = await call<{ status: string }>(server, `/api/events/${event.id}/queue/me`, undefined, token)
  expect(entry.status).toBe('left')
  await context.close()
})

test('the queue moves: a waiting fan is served live, with no reload, when the worker processes the queue', async () => {
  const event = await createOnSaleEvent(server, '오셀로 대기열 테스트', 50, ['admin@e2e.test', 'gate-keeper-4242'])
  for (let i = 0; i < 3; i++)
    await call(
      server,
      `/api/events/${event.id}/queue`,
      { gradeId: event.grades[1]!.id, quantity: 1 },
      await newFan(server),
    )
  await call(server, '/api/auth/signup', { email: 'served@e2e.test', password: 'front-row-4242', name: '처리' })
  const token = await login(server, 'served@e2e.test', 'front-row-4242')
  await call(server, `/api/events/${event.id}/queue`, { gradeId: event.grades[1]!.id, quantity: 2 }, token)

  const context = await phoneContext(browser, server.url)
  const page = await context.newPage()
  await page.goto(`/login?next=/events/${event.id}/queue`)
  await page.getByLabel('이메일').fill('served@e2e.test')
  await page.getByLabel('비밀번호').fill('front-row-4242')
  await page.getByRole('button', { name: '로그인' }).click()
  await page.getByTestId('ahead').waitFor()
  expect(await page.getByTestId('ahead').textContent()).toBe('3')
  expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0')

  // This server runs no worker role: run the booking worker's job once, as a worker process would.
  const job = server.app!.jobs.find((j) => j.name === 'queue.process')!
  await job.run(new AbortController().signal)
  await page.getByRole('heading', { name: '좌석을 확보했습니다!' }).waitFor({ timeout: 15_000 })
  await page.getByText('결제 마감까지').waitFor()
  await screenshot(page, '17-queue-served-live')
  await context.close()
})

/** Gzipped bytes of each file the queue page loaded (HTML, JS, CSS), written for docs/BENCHMARKS.md. */
function recordQueuePageWeight(paths: string[]) {
  const files = [...new Set(paths.map((p) => (p.startsWith('/assets/') || p === '/favicon.svg' ? p : '/index.html')))]
  const rows = files.map((p) => {
    const raw = readFileSync(join(DIST, p))
    return { file: p, bytes: raw.length, gzip: gzipSync(raw, { level: 9 }).length }
  })
  const js = rows.filter((r) => r.file.endsWith('.js'))
  const total = rows.reduce((n, r) => n + r.gzip, 0)
  const jsGzip = js.reduce((n, r) => n + r.gzip, 0)
  writeFileSync(join(ARTIFACTS, 'queue-page-weight.json'), JSON.stringify({ total, jsGzip, rows }, null, 2))
  // The budget the queue page must stay under: React + router + the queue chunk, nothing else.
  expect(jsGzip).toBeLessThan(100_000)
  expect(js.some((r) => /event-form|dashboard|admin|search-page|booking-page/.test(r.file))).toBe(false)
}
