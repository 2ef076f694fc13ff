// The gateway in front of separate API processes: routing by path, balancing, edge auth and limits, failover, SSE.
import { once } from 'node:events'
import { request as httpRequest } from 'node:http'
import Fastify from 'fastify'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { bearer, signup } from '../../test/factories.ts'
import { openTestDatabase, startTestApp, TEST_HASHING, type TestApp } from '../../test/harness.ts'
import { createInProcessHotPath } from '../adapters/hot-path/in-process.ts'
import { createMetricsRegistry } from '../http/metrics.ts'
import { createHttpServer } from '../http/server.ts'
import { systemClock } from '../kernel/clock.ts'
import { newId } from '../kernel/ids.ts'
import { createRateLimiter } from '../kernel/rate-limit.ts'
import { createAccessTokens } from '../modules/auth/auth.tokens.ts'
import { createAuth } from '../modules/auth/index.ts'
import { identityPorts } from '../modules/identity/index.ts'
import { mountGatewayProxy } from './gateway-proxy.ts'

const JWT_SECRET = 'gateway-test-secret-that-is-long-enough-0123456789'
const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => {})
})

/** API processes over one shared database, each counting the /api requests it serves. */
async function startApis(n: number) {
  const database = await openTestDatabase('pglite')
  closers.push(() => database.close())
  const apis: { app: TestApp; url: string; served: string[]; forwardedFor: string[] }[] = []
  for (let i = 0; i < n; i++) {
    const app = await startTestApp(
      'pglite',
      { ROLES: 'api', JWT_SECRET },
      { database: { ...database, close: async () => {} } },
    )
    const served: string[] = []
    const forwardedFor: string[] = []
    app.http.server.on('request', (req) => {
      if (!req.url?.startsWith('/api')) return
      served.push(req.url)
      forwardedFor.push(String(req.headers['x-forwarded-for']))
    })
    const url = await app.http.listen({ port: 0, host: '127.0.0.1' })
    closers.push(() => app.close())
    apis.push({ app, url, served, forwardedFor })
  }
  return apis
}

async function startGateway(env: Record<string, string>) {
  const gateway = await startTestApp('pglite', { ROLES: 'gateway', JWT_SECRET, ...env })
  closers.push(() => gateway.close())
  return gateway
}

describe('gateway proxy', () => {
  it('balances /api/* round-robin over the API pool and sends queue and booking paths to the queue pool', async () => {
    const [a, b, q] = await startApis(3)
    const gateway = await startGateway({ API_UPSTREAMS: `${a!.url},${b!.url}`, QUEUE_UPSTREAMS: q!.url })
    for (let i = 0; i < 6; i++) {
      const res = await gateway.http.inject({ url: `/api/nowhere/${i}` })
      expect(res.statusCode).toBe(404)
      expect(res.headers['content-type']).toContain('application/problem+json')
    }
    expect(a!.served).toHaveLength(3)
    expect(b!.served).toHaveLength(3)

    const fan = await signup(gateway.http)
    for (const url of ['/api/events/e1/queue/stats', '/api/bookings', '/api/bookings/b1', '/api/events/e1/queue/me'])
      await gateway.http.inject({ url, headers: bearer(fan.accessToken) })
    await gateway.http.inject({ url: '/api/events?q=x', headers: { 'x-forwarded-for': '6.6.6.6' } })
    expect(q!.served).toEqual([
      '/api/events/e1/queue/stats',
      '/api/bookings',
      '/api/bookings/b1',
      '/api/events/e1/queue/me',
    ])
    expect([...a!.served, ...b!.served]).toContain('/api/events?q=x')
    // The API hears the address the gateway saw, never a client's own X-Forwarded-For.
    expect(new Set([...a!.forwardedFor, ...b!.forwardedFor, ...q!.forwardedFor])).toEqual(new Set(['127.0.0.1']))
  })

  it('answers a request for a protected route without a valid token at the edge, never bothering the API', async () => {
    const [a] = await startApis(1)
    const gateway = await startGateway({ API_UPSTREAMS: a!.url })
    const missing = await gateway.http.inject({ url: '/api/me' })
    expect(missing.statusCode).toBe(401)
    expect(missing.json()).toMatchObject({ code: 'auth.token_missing' })
    const forged = await gateway.http.inject({ url: '/api/events', headers: bearer('not.a.jwt') })
    expect(forged.statusCode).toBe(401)
    expect(a!.served).toEqual([])

    const fan = await signup(gateway.http)
    const me = await gateway.http.inject({ url: '/api/me', headers: bearer(fan.accessToken) })
    expect(me.statusCode).toBe(200)
    expect(me.json()).toMatchObject({ id: fan.user.id })
  })

  it('limits each address and each account, answering 429 with Retry-After', async () => {
    const [a] = await startApis(1)
    const fan = await signup(a!.app.http)
    const hotPath = createInProcessHotPath(systemClock)
    const rateLimit = createRateLimiter(hotPath, true)
    const database = await openTestDatabase('pglite')
    closers.push(() => database.close())
    const auth = await createAuth({
      db: database.db,
      clock: systemClock,
      newId,
      rateLimit,
      hotPath,
      identity: identityPorts,
      throttleLogins: true,
      hashing: TEST_HASHING,
      jwtSecret: JWT_SECRET,
    })
    const http = await createHttpServer({
      logger: pino({ level: 'silent' }),
      metrics: createMetricsRegistry(),
      trustProxy: 1,
    })
    closers.push(() => http.close())
    closers.push(() => auth.stop())
    await mountGatewayProxy(http, {
      apiUpstreams: [a!.url],
      queueUpstreams: [a!.url],
      verifyAccessToken: auth.verifyAccessToken,
      rateLimit,
      limits: { perIp: { limit: 4, windowMs: 60_000 }, perAccount: { limit: 2, windowMs: 60_000 } },
    })
    const from = (ip: string, token?: string) =>
      http.inject({ url: '/api/me', headers: { 'x-forwarded-for': ip, ...(token ? bearer(token) : {}) } })
    const byAccount = [await from('10.0.0.1', fan.accessToken), await from('10.0.0.2', fan.accessToken)]
    expect(byAccount.map((r) => r.statusCode)).toEqual([200, 200])
    const third = await from('10.0.0.3', fan.accessToken)
    expect(third.statusCode).toBe(429)
    expect(Number(third.headers['retry-after'])).toBeGreaterThan(0)
    const byIp = await Promise.all(Array.from({ length: 5 }, () => from('10.0.0.9')))
    expect(byIp.map((r) => r.statusCode).sort()).toEqual([401, 401, 401, 401, 429])
  })

  it('fails over when an API process dies: requests, JSON bodies included, go to the live one', async () => {
    const [a, b] = await startApis(2)
    const gateway = await startGateway({ API_UPSTREAMS: `${a!.url},${b!.url}` })
    await a!.app.close()
    const statuses = []
    for (let i = 0; i < 6; i++) {
      const res = await gateway.http.inject({
        method: 'POST',
        url: '/api/auth/signup',
        payload: { email: `failover${i}@example.com`, password: 'correct horse battery', name: '팬' },
      })
      statuses.push(res.statusCode)
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201])
    const metrics = (await gateway.http.inject({ url: '/metrics' })).body
    expect(metrics).toMatch(/gateway_upstream_failures_total\{pool="api",reason="ECONNREFUSED"\} [1-9]/)
    expect(metrics).toMatch(/gateway_upstreams_healthy\{pool="api"\} 1/)
    await b!.app.close()
    const none = await gateway.http.inject({ url: '/api/events' })
    expect(none.statusCode).toBe(503)
    expect(none.json()).toMatchObject({ code: 'gateway.upstream_unavailable' })
    expect(none.headers['retry-after']).toBe('1')
  })

  it('passes an event stream through as it is written, and closes the upstream when the client leaves', async () => {
    const upstream = Fastify()
    let upstreamClosed: Promise<unknown> = new Promise(() => {})
    upstream.get('/healthz', async () => ({ status: 'ok' }))
    upstream.get('/api/events/:id/queue/stream', (request, reply) => {
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' })
      reply.raw.write('event: position\ndata: {"position":3}\n\n')
      upstreamClosed = once(request.raw.socket, 'close')
      // Never ends by itself, like a fan still waiting.
    })
    const upstreamUrl = await upstream.listen({ port: 0, host: '127.0.0.1' })
    closers.push(() => upstream.close())
    const gateway = await startGateway({ API_UPSTREAMS: upstreamUrl })
    const url = await gateway.http.listen({ port: 0, host: '127.0.0.1' })

    const noToken = await fetch(`${url}/api/events/e1/queue/stream`)
    expect(noToken.status).toBe(401)
    const token = await createAccessTokens(JWT_SECRET).sign(
      { userId: 'u1', role: 'user' },
      Math.floor(Date.now() / 1000),
    )
    const req = httpRequest(`${url}/api/events/e1/queue/stream?access_token=${token}`, {
      headers: { accept: 'text/event-stream' },
    })
    req.end()
    const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage]
    expect(res.headers['content-type']).toBe('text/event-stream')
    const [chunk] = (await once(res, 'data')) as [Buffer]
    expect(chunk.toString()).toContain('"position":3')
    req.destroy()
    await upstreamClosed
  })
})
