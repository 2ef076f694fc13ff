// The edge reads every request line one way: absolute-form targets are their path, and tokens in URLs are accepted
// under one documented name and never logged, however they are spelled.
import { connect } from 'node:net'
import { Writable } from 'node:stream'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { originForm, queryToken, redactUrl } from '../../src/http/request-target.ts'
import { signup } from '../factories.ts'
import { openTestDatabase, startTestApp, type TestApp } from '../harness.ts'

const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => {})
})

/** Sends one raw request line (as a proxy or an attacker might) and answers the status line and the body. */
function rawRequest(url: string, target: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: example.com\r\n\r\n`),
    )
    let out = ''
    socket.on('data', (d) => {
      out += d
      const end = out.indexOf('\r\n\r\n')
      if (end === -1) return
      const head = out.slice(0, end)
      const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0)
      const body = out.slice(end + 4)
      if (Buffer.byteLength(body) < length) return
      socket.destroy()
      resolve({ status: Number(head.split(' ')[1]), body })
    })
    socket.on('error', reject)
  })
}

async function listening(app: TestApp) {
  closers.push(() => app.close())
  return app.http.listen({ port: 0, host: '127.0.0.1' })
}

describe('request targets', () => {
  it('turns an absolute-form target into its origin form and leaves the rest alone', () => {
    expect(originForm('http://example.com/api/me?x=1')).toBe('/api/me?x=1')
    expect(originForm('https://user@example.com:8443/a')).toBe('/a')
    expect(originForm('http://example.com')).toBe('/')
    expect(originForm('/api/events')).toBe('/api/events')
    expect(originForm('*')).toBe('*')
  })

  it('answers an absolute-form request like its path, on the API and through the gateway', async () => {
    const database = await openTestDatabase('pglite')
    closers.push(() => database.close())
    const shared = { ...database, close: async () => {} }
    const api = await startTestApp('pglite', { ROLES: 'api' }, { database: shared })
    const apiUrl = await listening(api)
    const gateway = await startTestApp('pglite', { ROLES: 'gateway', API_UPSTREAMS: apiUrl }, { database: shared })
    const gatewayUrl = await listening(gateway)
    for (const url of [apiUrl, gatewayUrl]) {
      const events = await rawRequest(url, 'http://example.com/api/events?limit=1')
      expect(events.status, url).toBe(200)
      // The gateway's account check sees the same path the API does.
      const me = await rawRequest(url, 'http://example.com/api/me')
      expect(me.status, url).toBe(401)
      expect(me.body).toContain('auth.token_missing')
      expect((await rawRequest(url, 'http://example.com/nowhere/at/all')).status).toBeLessThan(500)
    }
  })
})

describe('tokens in URLs', () => {
  it('are taken only under the exact name the stream documents', () => {
    expect(queryToken('/api/events/e/queue/stream?access_token=abc.def')).toBe('abc.def')
    expect(queryToken('/s?x=1&access_token=a%2Eb')).toBe('a.b')
    for (const other of [
      '/s?access%5Ftoken=abc',
      '/s?%61ccess_token=abc',
      '/s?ACCESS_TOKEN=abc',
      '/s;access_token=abc',
    ])
      expect(queryToken(other), other).toBeUndefined()
  })

  it('a stream refuses a token under another spelling: 401, as if none was given', async () => {
    const app = await startTestApp('pglite')
    closers.push(() => app.close())
    const fan = await signup(app.http)
    const res = await app.http.inject({
      url: `/api/events/e1/queue/stream?access%5Ftoken=${fan.accessToken}`,
      headers: { accept: 'text/event-stream' },
    })
    expect(res.statusCode).toBe(401)
    expect(res.json().code).toBe('auth.token_missing')
  })

  it('are redacted from every log line however they are spelled', async () => {
    const lines: string[] = []
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    const app = await startTestApp('pglite', {}, { logger: pino({ level: 'info' }, sink) })
    const url = await listening(app)
    const spellings = [
      '/api/events/e/queue/stream?access_token=SECRET-1',
      '/api/events/e/queue/stream?access%5Ftoken=SECRET-2',
      '/api/events/e/queue/stream?%61ccess_token=SECRET-3',
      '/api/events/e/queue/stream?ACCESS_TOKEN=SECRET-4',
      '/api/events/e/queue/stream;access_token=SECRET-5',
      '/api/events/e/queue/stream?x=1;token=SECRET-6',
      '/api/events/e/queue/stream?access%255Ftoken=SECRET-7',
      'http://example.com/api/events/e/queue/stream?access_token=SECRET-8',
    ]
    for (const target of spellings) await rawRequest(url, target)
    const log = lines.join('')
    for (let i = 1; i <= spellings.length; i++) expect(log).not.toContain(`SECRET-${i}`)
    expect(log.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(spellings.length)
    expect(redactUrl('/api/events?q=%EC%95%84%EC%9D%B4%EC%9C%A0&limit=5')).toBe(
      '/api/events?q=%EC%95%84%EC%9D%B4%EC%9C%A0&limit=5',
    )
  })
})
