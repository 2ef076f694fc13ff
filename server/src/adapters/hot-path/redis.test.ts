// What losing Redis does to the hot path: it degrades (per-process limits, failing readiness) and recovers by itself.
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestApp } from '../../../test/harness.ts'
import { hasRedisServer, type RedisServer, startRedisServer } from '../../../test/topology/redis-server.ts'
import { systemClock } from '../../kernel/clock.ts'
import { openRedisHotPath } from './redis.ts'

// Runs whenever Redis suites do; it needs the redis-server binary to stop and start a private Redis.
describe.runIf(process.env.TEST_REDIS_URL)('Redis hot path when Redis goes away', () => {
  let server: RedisServer
  beforeAll(async () => {
    if (!hasRedisServer()) throw new Error('redis-server must be on PATH for the Redis fault tests')
    server = await startRedisServer()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('keeps answering rate-limit hits from local counters, fails ping, and recovers when Redis returns', async () => {
    const states: string[] = []
    const hotPath = await openRedisHotPath({
      url: server.url,
      clock: systemClock,
      onStateChange: (s) => states.push(s),
    })
    try {
      await hotPath.ping()
      expect((await hotPath.hit('k', 2, 60_000)).allowed).toBe(true)

      await server.stop()
      await expect(hotPath.ping()).rejects.toThrow()
      // Degraded: still limited, by this process alone.
      const during = [
        await hotPath.hit('k', 2, 60_000),
        await hotPath.hit('k', 2, 60_000),
        await hotPath.hit('k', 2, 60_000),
      ]
      expect(during.map((d) => d.allowed)).toEqual([true, true, false])

      await server.start()
      for (
        let i = 0;
        i < 60 &&
        (await hotPath.ping().then(
          () => false,
          () => true,
        ));
        i++
      )
        await sleep(100)
      await expect(hotPath.ping()).resolves.toBeUndefined()
      // The restarted Redis is empty: counting starts again there.
      expect((await hotPath.hit('k', 1, 60_000)).allowed).toBe(true)
      expect((await hotPath.hit('k', 1, 60_000)).allowed).toBe(false)
      expect(states).toEqual(['lost', 'ready'])
    } finally {
      await hotPath.close()
    }
  })

  it('keeps subscriptions across a Redis restart: after it, messages reach the listeners again', async () => {
    const publisher = await openRedisHotPath({ url: server.url, clock: systemClock })
    const listener = await openRedisHotPath({ url: server.url, clock: systemClock })
    try {
      const heard: string[] = []
      await listener.subscribe('progress:e1', (m) => heard.push(m))
      await server.stop()
      // Redis away: the publisher's own listeners would still hear it, the other process does not, nothing throws.
      await expect(publisher.publish('progress:e1', 'lost')).resolves.toBeUndefined()
      await server.start()
      for (let i = 0; i < 100 && !heard.includes('after'); i++) {
        await publisher.publish('progress:e1', 'after').catch(() => {})
        await sleep(100)
      }
      expect(heard).toContain('after')
      expect(heard).not.toContain('lost')
    } finally {
      await Promise.all([publisher.close(), listener.close()])
    }
  })

  it('makes /readyz answer 503 while Redis is away and 200 again once it is back', async () => {
    const app = await startTestApp('pglite', { REDIS_URL: server.url })
    try {
      expect(app.hotPath.kind).toBe('redis')
      expect((await app.http.inject({ url: '/readyz' })).statusCode).toBe(200)
      await server.stop()
      const down = await app.http.inject({ url: '/readyz' })
      expect(down.statusCode).toBe(503)
      expect(down.json()).toMatchObject({ code: 'not_ready' })
      expect((await app.http.inject({ url: '/healthz' })).statusCode).toBe(200)
      await server.start()
      let status = 0
      for (let i = 0; i < 60 && status !== 200; i++) {
        status = (await app.http.inject({ url: '/readyz' })).statusCode
        if (status !== 200) await sleep(100)
      }
      expect(status).toBe(200)
    } finally {
      await app.close()
    }
  })
})
