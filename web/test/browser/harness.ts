// Starts the real platform (composeApp, all roles or some) on a fresh in-memory PGlite with SEED_DEMO on, listening on
// an ephemeral port, and a headless Chromium with a phone-sized, Korean, Seoul-time context.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { openPglite } from '../../../server/src/adapters/db/pglite.ts'
import { type App, composeApp } from '../../../server/src/app.ts'
import { parseConfig } from '../../../server/src/config.ts'

export const ARTIFACTS = new URL('../../../test-artifacts/web/', import.meta.url).pathname
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export interface DemoLogin {
  role: string
  email: string
  password: string
}

export interface Server {
  app?: App
  url: string
  /** The demo accounts' logins, made at random for this server's data directory. */
  demoLogins: DemoLogin[]
  close(): Promise<void>
}

/** The seeded server global-setup started for all journeys. */
export function sharedServer(url: string, demoLogins: DemoLogin[]): Server {
  return { url, demoLogins, close: async () => {} }
}

/** The demo login of one role: `[email, password]`. */
export function demoLogin(server: Server, role: 'admin' | 'organizer' | 'staff' | 'user'): [string, string] {
  const found = server.demoLogins.find((d) => d.role === role)
  if (!found) throw new Error(`the server has no demo ${role}`)
  return [found.email, found.password]
}

export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tt-e2e-'))
  const config = parseConfig({
    SEED_DEMO: 'on',
    LOG_LEVEL: 'silent',
    RATE_LIMITS: 'off',
    DATA_DIR: dataDir,
    ...env,
  })
  const app = await composeApp(config, {
    database: await openPglite(),
    logger: pino({ level: 'silent' }),
    hashing: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
  })
  await app.http.listen({ port: 0, host: '127.0.0.1' })
  await app.start()
  const address = app.http.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    demoLogins: app.demoLogins,
    async close() {
      await app.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

/** A phone: 390×844, touch, Korean, Seoul time. */
export function phoneContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
  })
}

export async function screenshot(page: Page, name: string, fullPage = true) {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage })
}

/** JSON calls made the way the SPA makes them, to set the scene (an organizer's event, other fans ahead). */
export async function call<T>(
  server: Server,
  path: string,
  body?: unknown,
  token?: string,
  method?: string,
): Promise<T> {
  const res = await fetch(server.url + path, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`${method ?? 'POST'} ${path} → ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

export async function login(server: Server, email: string, password: string): Promise<string> {
  return (await call<{ accessToken: string }>(server, '/api/auth/login', { email, password })).accessToken
}

let fans = 0
export async function newFan(server: Server): Promise<string> {
  fans += 1
  const email = `fan${fans}-${Date.now()}@e2e.test`
  return (
    await call<{ accessToken: string }>(server, '/api/auth/signup', {
      email,
      password: 'a-long-passphrase-42',
      name: `팬${fans}`,
    })
  ).accessToken
}

const HOUR = 3600_000
/** An event on sale now, owned by the demo organizer, with a title unlike any demo event. */
export async function createOnSaleEvent(
  server: Server,
  title: string,
  capacity = 50,
  [email, password] = demoLogin(server, 'organizer'),
  rules: {
    requireIdentity?: boolean
    entryChallenge?: { cost: number }
    saleOpensAt?: string
    preQueueOpensAt?: string
  } = {},
) {
  const token = await login(server, email, password)
  const at = (ms: number) => new Date(Date.now() + ms).toISOString()
  return call<{ id: string; grades: { id: string; name: string }[] }>(
    server,
    '/api/events',
    {
      title,
      description: '브라우저 테스트용 공연',
      category: 'musical',
      performers: ['테스트 배우'],
      venue: { name: '드림씨어터', city: '부산' },
      startsAt: at(14 * 24 * HOUR),
      saleOpensAt: at(-HOUR),
      saleClosesAt: at(7 * 24 * HOUR),
      perUserLimit: 4,
      paymentDeadline: { policy: 'minutes', minutes: 30 },
      grades: [
        { name: 'VIP석', price: 150_000, capacity },
        { name: 'R석', price: 120_000, capacity },
      ],
      ...rules,
    },
    token,
  )
}
