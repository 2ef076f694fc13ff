// The edge every route shares: health, readiness, metrics, OpenAPI, request ids, security headers, error shape.
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config.ts'
import { startTestApp, type TestApp } from '../harness.ts'

describe('the HTTP edge', () => {
  let app: TestApp
  beforeEach(async () => {
    app = await startTestApp('pglite')
  })
  afterEach(() => app.close())

  it('logs one line per request, when it is answered, with its status and time', async () => {
    const records: Record<string, unknown>[] = []
    const sink = new Writable({
      write(chunk, _enc, done) {
        records.push(JSON.parse(chunk.toString()))
        done()
      },
    })
    const logged = await startTestApp('pglite', {}, { logger: pino({ level: 'info' }, sink) })
    try {
      records.length = 0
      await logged.http.inject({ url: '/healthz?access_token=SECRET' })
      const lines = records.filter((r) => JSON.stringify(r).includes('/healthz'))
      expect(lines).toHaveLength(1)
      expect(lines[0]).toMatchObject({ msg: expect.stringMatching(/^GET \/healthz\?access_token=\[redacted\] 200 /) })
      expect(lines[0]).toMatchObject({ res: { statusCode: 200 }, responseTime: expect.any(Number) })
      expect(JSON.stringify(lines[0])).not.toContain('SECRET')
    } finally {
      await logged.close()
    }
  })

  it('answers /healthz and /readyz, and /readyz says 503 when the database is gone', async () => {
    expect((await app.http.inject({ url: '/healthz' })).statusCode).toBe(200)
    expect((await app.http.inject({ url: '/readyz' })).statusCode).toBe(200)
    await app.database.close()
    const down = await app.http.inject({ url: '/readyz' })
    expect(down.statusCode).toBe(503)
    expect(down.json().code).toBe('not_ready')
  })

  it('counts requests by route template, not by raw URL', async () => {
    await app.http.inject({ url: '/api/me' })
    await app.http.inject({ url: '/no/such/route/raw-url-marker' })
    const metrics = (await app.http.inject({ url: '/metrics' })).body
    expect(metrics).toMatch(/http_requests_total\{method="GET",route="\/api\/me",status="401"\} 1/)
    expect(metrics).toMatch(/http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/api\/me"\}/)
    expect(metrics).not.toContain('raw-url-marker')
  })

  it('describes itself in OpenAPI 3.1 and serves the docs page', async () => {
    const spec = (await app.http.inject({ url: '/openapi.json' })).json()
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths)).toContain('/api/auth/signup')
    expect((await app.http.inject({ url: '/docs/' })).statusCode).toBe(200)
  })

  it('gives every response a request id, reusing a well-formed one from the caller', async () => {
    const own = await app.http.inject({ url: '/healthz' })
    expect(own.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
    const given = await app.http.inject({ url: '/healthz', headers: { 'x-request-id': 'gateway-abc-123' } })
    expect(given.headers['x-request-id']).toBe('gateway-abc-123')
    const junk = await app.http.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } })
    expect(junk.headers['x-request-id']).not.toBe('<script>')
  })

  it('sends security headers', async () => {
    const r = await app.http.inject({ url: '/healthz' })
    expect(r.headers['content-security-policy']).toContain("default-src 'self'")
    expect(r.headers['x-content-type-options']).toBe('nosniff')
    expect(r.headers['strict-transport-security']).toBeDefined()
  })

  it('allows no third-party script or frame with the test provider', async () => {
    const csp = String((await app.http.inject({ url: '/healthz' })).headers['content-security-policy'])
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toContain('iamport')
    expect(csp).not.toContain('frame-src')
    expect(csp).toContain("form-action 'self';")
  })

  it('allows PortOne’s SDK origin, and its PG frames, only when PAYMENT_PROVIDER=portone', async () => {
    const portone = await startTestApp('pglite', {
      PAYMENT_PROVIDER: 'portone',
      PORTONE_API_KEY: 'key',
      PORTONE_API_SECRET: 'secret',
      PORTONE_IMP_CODE: 'imp12345678',
    })
    try {
      const csp = String((await portone.http.inject({ url: '/healthz' })).headers['content-security-policy'])
      expect(csp).toContain("script-src 'self' https://cdn.iamport.kr;")
      expect(csp).toContain("connect-src 'self' https://cdn.iamport.kr;")
      expect(csp).toContain("frame-src 'self' https:")
      expect(csp).toContain("form-action 'self' https:")
      expect(csp).toContain("default-src 'self'")
    } finally {
      await portone.close()
    }
  })

  it('answers unknown routes with a 404 problem', async () => {
    const r = await app.http.inject({ method: 'DELETE', url: '/api/nothing-here' })
    expect(r.statusCode).toBe(404)
    expect(r.headers['content-type']).toContain('application/problem+json')
    expect(r.json()).toMatchObject({ status: 404, code: 'not_found', title: 'Not Found' })
  })
})

describe('configuration', () => {
  it('defaults to every role on the embedded database, in development, without demo data', () => {
    const c = parseConfig({})
    expect(c).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      roles: ['api', 'worker', 'gateway'],
      seedDemo: false,
      development: true,
    })
    expect(c.databaseUrl).toBeUndefined()
  })

  it('logs readable lines in development and JSON lines elsewhere, unless LOG_FORMAT says', () => {
    expect(parseConfig({}).logFormat).toBe('pretty')
    expect(parseConfig({ NODE_ENV: 'production', PAYMENT_PROVIDER: 'test', IDENTITY_PROVIDER: 'test' }).logFormat).toBe(
      'json',
    )
    expect(parseConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json')
  })

  it('seeds demo data only when asked', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://db/x' }).seedDemo).toBe(false)
    expect(parseConfig({ DATABASE_URL: 'postgres://db/x', SEED_DEMO: '1' }).seedDemo).toBe(true)
  })

  it('lists every problem at once', () => {
    let message = ''
    try {
      parseConfig({ PORT: '-3', ROLES: 'api,cook', DATABASE_URL: 'mysql://x', ADMIN_EMAIL: 'not-an-email' })
    } catch (error) {
      message = (error as Error).message
    }
    for (const name of ['PORT', 'ROLES', 'DATABASE_URL', 'ADMIN_EMAIL']) expect(message).toContain(name)
  })

  it('sizes the PostgreSQL pool from DATABASE_POOL_SIZE, 20 by default, and refuses nonsense', () => {
    expect(parseConfig({}).databasePoolSize).toBe(20)
    expect(parseConfig({ DATABASE_POOL_SIZE: '64' }).databasePoolSize).toBe(64)
    for (const bad of ['0', '-1', '2.5', 'many'])
      expect(() => parseConfig({ DATABASE_POOL_SIZE: bad })).toThrow(/DATABASE_POOL_SIZE/)
  })

  it('wants both admin variables or neither', () => {
    expect(() => parseConfig({ ADMIN_EMAIL: 'a@b.co' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD/)
  })
})
