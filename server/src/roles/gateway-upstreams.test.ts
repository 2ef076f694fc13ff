// The gateway's upstream pool: DNS names re-resolved, unhealthy and ejected endpoints left out of the rotation.
import Fastify from 'fastify'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseConfig } from '../config.ts'
import { createUpstreamPool } from './gateway-upstreams.ts'

const closers: (() => unknown)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

async function healthyServer() {
  const app = Fastify()
  app.get('/healthz', async () => ({ status: 'ok' }))
  const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }))
  closers.push(() => app.close())
  return Number(url.port)
}

describe('upstream pool', () => {
  it('follows a DNS name as its addresses change, keeping the last answer while the name does not resolve', async () => {
    const port = await healthyServer()
    let answer: string[] | Error = ['127.0.0.1']
    let failedLookups = 0
    const pool = createUpstreamPool('api', [`http://api.internal:${port}`], {
      healthIntervalMs: 20,
      resolveIntervalMs: 20,
      resolve: async () => {
        if (answer instanceof Error) {
          failedLookups += 1
          throw answer
        }
        return answer
      },
    })
    closers.push(() => pool.stop())
    await pool.start()
    expect(pool.endpoints().map((e) => e.origin)).toEqual([`http://127.0.0.1:${port}`])

    // A new replica appears; nothing listens on it, so the health check keeps it out of the rotation.
    answer = ['127.0.0.1', '127.0.0.2']
    await vi.waitFor(() => expect(pool.endpoints()).toHaveLength(2))
    await vi.waitFor(() => expect(pool.endpoints().find((e) => e.origin.includes('127.0.0.2'))?.healthy).toBe(false))
    const picks = new Set(Array.from({ length: 10 }, () => pool.pick()?.origin))
    expect([...picks]).toEqual([`http://127.0.0.1:${port}`])

    // The name stops resolving: after lookups that failed, the pool still has the last answer's two endpoints.
    answer = new Error('SERVFAIL')
    await vi.waitFor(() => expect(failedLookups).toBeGreaterThanOrEqual(3))
    expect(pool.endpoints().map((e) => e.origin)).toEqual([`http://127.0.0.1:${port}`, `http://127.0.0.2:${port}`])
  })

  it('rotates over healthy endpoints and leaves an ejected one out until its time is up', async () => {
    const [p1, p2] = [await healthyServer(), await healthyServer()]
    let now = 1_000
    const pool = createUpstreamPool('api', [`http://127.0.0.1:${p1}`, `http://127.0.0.1:${p2}`], {
      ejectMs: 5_000,
      now: () => now,
    })
    closers.push(() => pool.stop())
    await pool.start()
    const first = pool.pick()!.origin
    const second = pool.pick()!.origin
    expect(first).not.toBe(second)

    pool.eject(first)
    expect(new Set(Array.from({ length: 4 }, () => pool.pick()?.origin))).toEqual(new Set([second]))
    pool.eject(second)
    expect(pool.pick()).toBeNull()
    now += 5_000
    expect(pool.pick()).not.toBeNull()
  })

  it('takes upstreams as URLs or bare DNS names, and the queue pool defaults to the API pool', () => {
    const config = parseConfig({ ROLES: 'gateway', API_UPSTREAMS: 'api.trusticket.svc:8080, http://10.0.0.7:8080' })
    expect(config.apiUpstreams).toEqual(['http://api.trusticket.svc:8080', 'http://10.0.0.7:8080'])
    expect(config.queueUpstreams).toEqual(config.apiUpstreams)
    expect(() => parseConfig({ API_UPSTREAMS: 'ht tp://nope' })).toThrow(/API_UPSTREAMS/)
  })
})
