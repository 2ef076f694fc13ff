// The gateway serves the built web app: hashed assets cached forever and precompressed, the SPA's own routes
// answered with index.html, unknown API paths still an honest problem+json 404, under the strict CSP.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync } from 'node:zlib'
import type { FastifyInstance } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createMetricsRegistry } from '../http/metrics.ts'
import { createHttpServer } from '../http/server.ts'
import { mountGateway } from './gateway.ts'

const INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-abc123.js"></script></head></html>'
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))})`

describe('gateway: the web app', () => {
  let app: FastifyInstance
  beforeAll(async () => {
    const dist = mkdtempSync(join(tmpdir(), 'tt-dist-'))
    mkdirSync(join(dist, 'assets'))
    writeFileSync(join(dist, 'index.html'), INDEX)
    writeFileSync(join(dist, 'favicon.svg'), '<svg/>')
    writeFileSync(join(dist, 'assets/app-abc123.js'), SCRIPT)
    writeFileSync(join(dist, 'assets/app-abc123.js.br'), brotliCompressSync(SCRIPT))
    app = await createHttpServer({
      logger: pino({ level: 'silent' }),
      metrics: createMetricsRegistry(),
      trustProxy: false,
    })
    app.get('/api/ping', async () => ({ ok: true }))
    await mountGateway(app, dist)
    await app.ready()
  })
  afterAll(() => app.close())

  test('hashed assets are immutable and sent brotli-compressed to a browser that accepts it', async () => {
    const res = await app.inject({ url: '/assets/app-abc123.js', headers: { 'accept-encoding': 'br, gzip' } })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 10)
  })

  test("the SPA's routes answer index.html, never cached, under a CSP without inline scripts", async () => {
    for (const url of ['/', '/events/ev_1/queue', '/bookings/b1?x=1', '/organizer/events/new']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['content-type']).toContain('text/html')
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(res.body).toBe(INDEX)
      const csp = String(res.headers['content-security-policy'])
      expect(csp).toContain("script-src 'self'")
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
      // Over plain HTTP on a LAN name, upgrading would send the assets to https:// and leave a blank page.
      expect(csp).not.toContain('upgrade-insecure-requests')
    }
  })

  test('unknown API paths and missing assets stay problem+json 404s; API routes still answer', async () => {
    for (const url of ['/api/nope', '/api/events/x/nothing', '/assets/gone-123.js', '/docs/nope', '/metrics/x']) {
      const res = await app.inject({ url })
      expect(res.statusCode, url).toBe(404)
      expect(res.headers['content-type']).toContain('application/problem+json')
    }
    expect((await app.inject({ url: '/api/ping' })).json()).toEqual({ ok: true })
    expect((await app.inject({ method: 'POST', url: '/events/x' })).statusCode).toBe(404)
  })

  test('other public files get a short cache', async () => {
    const res = await app.inject({ url: '/favicon.svg' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['cache-control']).toBe('public, max-age=3600')
  })
})
