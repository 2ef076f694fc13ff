// The shared hot path over Redis, for several processes. Redis holds only what may be lost: counters and fan-out.
// While Redis is unreachable, commands fail at once (no offline queue) and rate limits fall back to this process's
// own counters (fail-open to per-process limits), so losing Redis degrades limits but never refuses or corrupts.
import { Redis } from 'ioredis'
import type { Clock } from '../../kernel/clock.ts'
import type { HotPath, RateDecision } from './hot-path.ts'
import { createInProcessHotPath } from './in-process.ts'

// INCR and the window's expiry in one atomic step; a key left without a TTL (a crash between commands cannot
// happen inside a script, but an operator's SET could) is given one so it never blocks forever.
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if count == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return { count, ttl }
`

export interface RedisHotPathOptions {
  url: string
  clock: Clock
  /** Key prefix, so that several deployments (or tests) can share one Redis. */
  prefix?: string
  /** Called when Redis is lost or found again; the app logs it. */
  onStateChange?: (state: 'lost' | 'ready', error?: unknown) => void
}

type HitCommand = (key: string, windowMs: number) => Promise<[number, number]>

/** Connects (waiting a moment for Redis, but starting degraded rather than not at all when it is away). */
export async function openRedisHotPath(options: RedisHotPathOptions): Promise<HotPath & { readonly redis: Redis }> {
  const prefix = options.prefix ?? 'tt:'
  const redis = new Redis(options.url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: 1_000,
    connectTimeout: 2_000,
    // Reconnect forever, backing off to one attempt a second: Redis coming back must be noticed quickly.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1_000),
    lazyConnect: false,
  })
  redis.defineCommand('ttHit', { numberOfKeys: 1, lua: HIT_SCRIPT })
  const hitCommand = (redis as unknown as { ttHit: HitCommand }).ttHit.bind(redis)

  let lost = false
  redis.on('error', (error) => {
    if (!lost) options.onStateChange?.('lost', error)
    lost = true
  })
  redis.on('ready', () => {
    if (lost) options.onStateChange?.('ready')
    lost = false
  })

  await untilReady(redis, 2_000)
  const fallback = createInProcessHotPath(options.clock)
  let closed = false

  return {
    kind: 'redis',
    redis,
    async hit(key, limit, windowMs): Promise<RateDecision> {
      try {
        const [count, ttl] = await hitCommand(prefix + key, windowMs)
        return count <= limit ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: Math.max(ttl, 1) }
      } catch {
        return fallback.hit(key, limit, windowMs)
      }
    },
    async ping() {
      if (redis.status !== 'ready') await untilReady(redis, 500)
      await redis.ping()
    },
    async close() {
      if (closed) return
      closed = true
      await fallback.close()
      await redis.quit().catch(() => redis.disconnect())
    },
  }
}

function untilReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve()
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      redis.off('ready', done)
      resolve()
    }
    const timer = setTimeout(done, timeoutMs)
    redis.once('ready', done)
  })
}
