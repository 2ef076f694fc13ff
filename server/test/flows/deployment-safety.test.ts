// What every deployment is safe from, whatever its variables: forged client addresses, known passwords, free tickets.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config.ts'
import { DEMO_LOGINS_FILE } from '../../src/seed/demo.ts'
import { insertEvent } from '../events-factory.ts'
import { bearer, signup, uniqueEmail } from '../factories.ts'
import { openTestDatabase, startTestApp, type TestApp } from '../harness.ts'

const JWT_SECRET = 'deployment-safety-secret-0123456789abcdef'
const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => {})
})

/** One API process and a gateway in front of it, wired as deploy/compose.yaml wires them. */
async function gatewayInFront(gatewayEnv: Record<string, string> = {}) {
  const database = await openTestDatabase('pglite')
  closers.push(() => database.close())
  const shared = { ...database, close: async () => {} }
  const api = await startTestApp('pglite', { ROLES: 'api', JWT_SECRET, TRUST_PROXY: '1' }, { database: shared })
  closers.push(() => api.close())
  const seen: string[] = []
  api.http.server.on('request', (req) => {
    if (req.url?.startsWith('/api/')) seen.push(String(req.headers['x-forwarded-for']))
  })
  const url = await api.http.listen({ port: 0, host: '127.0.0.1' })
  const gateway = await startTestApp(
    'pglite',
    { ROLES: 'gateway', JWT_SECRET, API_UPSTREAMS: url, ...gatewayEnv },
    { database: shared },
  )
  closers.push(() => gateway.close())
  return { api, gateway, seen, db: database.db }
}

const statuses = async (n: number, send: (i: number) => Promise<{ statusCode: number }>) => {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await send(i)).statusCode)
  return out
}
const forged = (i: number) => ({ 'x-forwarded-for': `203.0.113.${i + 1}` })

describe('client addresses cannot be forged', () => {
  it('refuses "trust every proxy" and takes a hop count or proxy addresses', () => {
    expect(parseConfig({}).trustProxy).toBe(false)
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(parseConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
    ])
    expect(parseConfig({ TRUST_PROXY: 'loopback,uniquelocal' }).trustProxy).toEqual(['loopback', 'uniquelocal'])
    for (const bad of ['true', 'on', 'yes', '*', '0', '11', '10.0.0.0/33', 'example.com', '1.2.3'])
      expect(() => parseConfig({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/)
  })

  it('through a gateway, a forged X-Forwarded-For meets the per-address signup limit like any request', async () => {
    const { gateway, seen } = await gatewayInFront()
    const signups = await statuses(12, (i) =>
      gateway.http.inject({
        method: 'POST',
        url: '/api/auth/signup',
        headers: forged(i),
        payload: { email: uniqueEmail(), password: 'a long passphrase 7', name: '팬' },
      }),
    )
    expect(signups).toEqual([...Array(10).fill(201), 429, 429])
    expect(new Set(seen)).toEqual(new Set(['127.0.0.1']))
  })

  it('through a gateway, forged addresses share one login limit and one queue-join limit', async () => {
    const { gateway, api, db } = await gatewayInFront()
    const fan = await signup(api.http)
    const logins = await statuses(32, (i) =>
      gateway.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: forged(i),
        payload: { email: uniqueEmail('nobody'), password: 'wrong password here' },
      }),
    )
    expect(logins.filter((s) => s === 429).length).toBeGreaterThan(0)
    expect(logins.slice(0, 30).every((s) => s === 401)).toBe(true)

    const { eventId, grades } = await insertEvent(db)
    for (let i = 0; i < 5; i++) {
      const joined = await gateway.http.inject({
        method: 'POST',
        url: `/api/events/${eventId}/queue`,
        headers: { ...forged(i), ...bearer(fan.accessToken) },
        payload: { gradeId: grades[0]!.id, quantity: 1 },
      })
      expect(joined.statusCode).toBeLessThan(300)
    }
    // The hot path's counters, read through its own contract: five joins counted on the gateway's address…
    expect((await api.hotPath.hit('rl:queue.join.ip:127.0.0.1', 5, 60_000)).allowed).toBe(false)
    // …and none on any address a client wrote.
    for (let i = 0; i < 5; i++)
      expect((await api.hotPath.hit(`rl:queue.join.ip:203.0.113.${i + 1}`, 1, 60_000)).allowed).toBe(true)
  })

  it('a gateway behind a named load balancer takes the address that balancer saw, never what the client wrote', async () => {
    const { gateway, seen } = await gatewayInFront({ TRUST_PROXY: '127.0.0.1' })
    await gateway.http.inject({ url: '/api/events', headers: { 'x-forwarded-for': '6.6.6.6, 198.51.100.7' } })
    expect(seen.at(-1)).toBe('198.51.100.7')
  })
})

describe('no known passwords', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
  })
  const dataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'tt-demo-'))
    dirs.push(d)
    return d
  }

  it('seeds nothing unless asked, and never in production or on a non-loopback HOST', () => {
    expect(parseConfig({}).seedDemo).toBe(false)
    expect(parseConfig({ SEED_DEMO: '1' }).seedDemo).toBe(true)
    expect(() => parseConfig({ SEED_DEMO: '1', NODE_ENV: 'production', PAYMENT_PROVIDER: 'test' })).toThrow(/SEED_DEMO/)
    expect(() => parseConfig({ SEED_DEMO: '1', HOST: '0.0.0.0', PAYMENT_PROVIDER: 'test' })).toThrow(/SEED_DEMO/)
  })

  it('gives demo accounts random passwords, made once per data directory, kept there and nowhere else', async () => {
    const start = async (dir: string, database?: TestApp['database']) => {
      const app = await startTestApp(
        'pglite',
        { SEED_DEMO: '1', DATA_DIR: dir },
        database ? { database: { ...database, close: async () => {} } } : {},
      )
      closers.push(() => app.close())
      return app
    }
    const dirA = dataDir()
    const a = await start(dirA)
    expect(a.demoLogins.map((d) => d.role)).toEqual(['admin', 'organizer', 'staff', 'user'])
    const file = join(dirA, DEMO_LOGINS_FILE)
    expect(statSync(file).mode & 0o077).toBe(0)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(a.demoLogins)
    for (const login of a.demoLogins) {
      const { email, password } = login
      const res = await a.http.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
      expect(res.statusCode, login.email).toBe(200)
      expect(login.password.length).toBeGreaterThanOrEqual(16)
    }
    // A restart on the same data prints the same logins; another installation has other passwords.
    const again = await start(dirA, a.database)
    expect(again.demoLogins).toEqual(a.demoLogins)
    const b = await start(dataDir())
    const passwordsA = new Set(a.demoLogins.map((d) => d.password))
    expect(b.demoLogins.some((d) => passwordsA.has(d.password))).toBe(false)
  })

  it('makes no demo accounts and no file without SEED_DEMO', async () => {
    const dir = dataDir()
    const app = await startTestApp('pglite', { DATA_DIR: dir })
    closers.push(() => app.close())
    expect(app.demoLogins).toEqual([])
    expect(existsSync(join(dir, DEMO_LOGINS_FILE))).toBe(false)
    const res = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'admin@trusticket.demo', password: 'demo-admin-1234' },
    })
    expect(res.statusCode).toBe(401)
  })
})

describe('no free tickets', () => {
  it('refuses to start outside development unless a payment provider is named', () => {
    expect(parseConfig({}).paymentProvider).toBe('test')
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/PAYMENT_PROVIDER: required/)
    expect(() => parseConfig({ HOST: '0.0.0.0' })).toThrow(/PAYMENT_PROVIDER: required/)
    expect(
      parseConfig({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'test', IDENTITY_PROVIDER: 'test' }).warnings,
    ).toEqual([expect.stringMatching(/PAYMENT_PROVIDER=test/), expect.stringMatching(/IDENTITY_PROVIDER=test/)])
    expect(parseConfig({ PAYMENT_PROVIDER: 'test' }).warnings).toEqual([])
  })

  it('says so on /readyz when test payments were chosen outside development', async () => {
    const app = await startTestApp('pglite', {
      NODE_ENV: 'production',
      PAYMENT_PROVIDER: 'test',
      IDENTITY_PROVIDER: 'test',
    })
    closers.push(() => app.close())
    const ready = await app.http.inject({ url: '/readyz' })
    expect(ready.statusCode).toBe(200)
    expect(ready.json()).toEqual({
      status: 'ready',
      warnings: [expect.stringMatching(/test checkout/), expect.stringMatching(/claim to be any person/)],
    })
  })
})

describe('no made-up people', () => {
  it('refuses to start outside development unless an identity provider is named, and PortOne needs its channel', () => {
    expect(parseConfig({}).identityProvider).toBe('test')
    expect(() => parseConfig({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'test' })).toThrow(
      /IDENTITY_PROVIDER: required/,
    )
    const portone = { PORTONE_API_KEY: 'k', PORTONE_API_SECRET: 's', PORTONE_IMP_CODE: 'imp12345678' }
    expect(() => parseConfig({ IDENTITY_PROVIDER: 'portone', ...portone })).toThrow(/PORTONE_CERTIFICATION/)
    expect(() =>
      parseConfig({ IDENTITY_PROVIDER: 'portone', PORTONE_CERTIFICATION_PG: 'html5_inicis.x', ...portone }),
    ).toThrow(/danal, inicis_unified, inicis or kcp_v2/)
    expect(() => parseConfig({ IDENTITY_PROVIDER: 'portone', PORTONE_CERTIFICATION_PG: 'danal' })).toThrow(
      /PORTONE_API_KEY: required when IDENTITY_PROVIDER=portone/,
    )
    const config = parseConfig({ IDENTITY_PROVIDER: 'portone', PORTONE_CERTIFICATION_PG: 'kcp_v2.T0000', ...portone })
    expect(config.portoneCertification).toEqual({ channelKey: undefined, pg: 'kcp_v2.T0000' })
    // Test payments alone do not turn PortOne payments on.
    expect(config.paymentProvider).toBe('test')
  })
})

describe('operator endpoints are not public', () => {
  it('outside development, /metrics and /docs answer loopback only, and never through a proxy', async () => {
    expect(parseConfig({}).opsAllowFrom).toBeNull()
    expect(
      parseConfig({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'test', IDENTITY_PROVIDER: 'test' }).opsAllowFrom,
    ).toEqual(['loopback'])
    expect(() => parseConfig({ OPS_ALLOW_FROM: 'everyone' })).toThrow(/OPS_ALLOW_FROM/)
    const app = await startTestApp('pglite', {
      NODE_ENV: 'production',
      PAYMENT_PROVIDER: 'test',
      IDENTITY_PROVIDER: 'test',
    })
    closers.push(() => app.close())
    const get = (url: string, remoteAddress: string, headers: Record<string, string> = {}) =>
      app.http.inject({ url, remoteAddress, headers })
    for (const url of ['/metrics', '/docs', '/docs/static/index.html']) {
      expect((await get(url, '127.0.0.1')).statusCode, url).toBeLessThan(400)
      const outside = await get(url, '203.0.113.9')
      expect(outside.statusCode, url).toBe(404)
      expect(outside.json().code).toBe('not_found')
      expect((await get(url, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).statusCode, url).toBe(404)
    }
    // The API itself and its description stay public.
    expect((await get('/api/events', '203.0.113.9')).statusCode).toBe(200)
    expect((await get('/openapi.json', '203.0.113.9')).statusCode).toBe(200)
  })

  it('OPS_ALLOW_FROM names the scrapers, by address or range', async () => {
    const app = await startTestApp('pglite', { OPS_ALLOW_FROM: '10.0.0.0/8,192.0.2.7' })
    closers.push(() => app.close())
    const status = async (remoteAddress: string) =>
      (await app.http.inject({ url: '/metrics', remoteAddress })).statusCode
    expect([
      await status('10.1.2.3'),
      await status('192.0.2.7'),
      await status('192.0.2.8'),
      await status('127.0.0.1'),
    ]).toEqual([200, 200, 404, 404])
  })
})

describe('one process facing clients', () => {
  it('applies the gateway’s per-address and per-account limits itself', async () => {
    const app = await startTestApp('pglite', {})
    closers.push(() => app.close())
    const fan = await signup(app.http)
    const { GATEWAY_LIMITS } = await import('../../src/roles/gateway-proxy.ts')
    for (let i = 0; i < GATEWAY_LIMITS.perIp.limit; i++)
      await app.hotPath.hit('rl:gw-ip:198.51.100.1', GATEWAY_LIMITS.perIp.limit, GATEWAY_LIMITS.perIp.windowMs)
    const crowded = await app.http.inject({ url: '/api/events', remoteAddress: '198.51.100.1' })
    expect(crowded.statusCode).toBe(429)
    expect((await app.http.inject({ url: '/api/events', remoteAddress: '198.51.100.2' })).statusCode).toBe(200)
    for (let i = 0; i < GATEWAY_LIMITS.perAccount.limit; i++)
      await app.hotPath.hit(
        `rl:gw-account:${fan.user.id}`,
        GATEWAY_LIMITS.perAccount.limit,
        GATEWAY_LIMITS.perAccount.windowMs,
      )
    const busy = await app.http.inject({
      url: '/api/me',
      headers: bearer(fan.accessToken),
      remoteAddress: '198.51.100.3',
    })
    expect(busy.statusCode).toBe(429)
    // Health and the web app are not API traffic.
    expect((await app.http.inject({ url: '/healthz', remoteAddress: '198.51.100.1' })).statusCode).toBe(200)
  })
})
