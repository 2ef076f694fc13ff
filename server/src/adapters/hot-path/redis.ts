// The shared hot path over Redis, for several processes. Redis holds only what may be lost: counters and fan-out.
// While Redis is unreachable, commands fail at once (no offline queue): rate limits fall back to this process's
// own counters (fail-open to per-process limits) and fan-out reaches this process's listeners only, so losing
// Redis degrades limits and slows updates in other processes but never refuses or corrupts.
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
  let closed = false
  const markLost = (error?: unknown) => {
    if (!lost && !closed) options.onStateChange?.('lost', error)
    lost = true
  }
  redis.on('error', markLost)
  redis.on('close', () => markLost())
  redis.on('ready', () => {
    if (lost) options.onStateChange?.('ready')
    lost = false
  })

  // Subscribed connections take no other commands; a second connection carries the fan-out.
  const subscriber = redis.duplicate({ autoResubscribe: false })
  const listeners = new Map<string, Set<(message: string) => void>>()
  subscriber.on('error', () => {})
  subscriber.on('ready', () => {
    // After a reconnect (a restarted Redis knows nothing of us), subscribe to every channel again.
    if (listeners.size > 0) subscriber.subscribe(...[...listeners.keys()].map((c) => prefix + c)).catch(() => {})
  })
  subscriber.on('message', (channel: string, message: string) => {
    deliver(listeners.get(channel.slice(prefix.length)), message)
  })

  await Promise.all([untilReady(redis, 2_000), untilReady(subscriber, 2_000)])
  const fallback = createInProcessHotPath(options.clock)

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
    async count(key, windowMs) {
      try {
        const [count, ttl] = await hitCommand(prefix + key, windowMs)
        return { count, resetInMs: Math.max(ttl, 1) }
      } catch {
        return fallback.count(key, windowMs)
      }
    },
    async peek(key) {
      try {
        const [value, ttl] =
          (await redis
            .multi()
            .get(prefix + key)
            .pttl(prefix + key)
            .exec()) ?? []
        const count = Number(value?.[1])
        const resetInMs = Number(ttl?.[1])
        return Number.isFinite(count) && count > 0 && resetInMs > 0 ? { count, resetInMs } : null
      } catch {
        return fallback.peek(key)
      }
    },
    async forget(key) {
      await Promise.all([redis.del(prefix + key).catch(() => {}), fallback.forget(key)])
    },
    async publish(channel, message) {
      try {
        await redis.publish(prefix + channel, message)
      } catch {
        // Best effort by contract: with Redis away, at least this process's listeners hear it.
        deliver(listeners.get(channel), message)
      }
    },
    async subscribe(channel, listener) {
      let set = listeners.get(channel)
      if (!set) {
        set = new Set()
        listeners.set(channel, set)
        // While Redis is away this fails; the 'ready' handler subscribes once it is back.
        if (subscriber.status === 'ready') await subscriber.subscribe(prefix + channel).catch(() => {})
      }
      const own = (message: string) => listener(message)
      set.add(own)
      return async () => {
        const current = listeners.get(channel)
        if (!current?.delete(own) || current.size > 0) return
        listeners.delete(channel)
        if (subscriber.status === 'ready') await subscriber.unsubscribe(prefix + channel).catch(() => {})
      }
    },
    async ping() {
      if (redis.status !== 'ready') await untilReady(redis, 500)
      await redis.ping()
    },
    async close() {
      if (closed) return
      closed = true
      listeners.clear()
      await fallback.close()
      await Promise.all([redis, subscriber].map((c) => c.quit().catch(() => c.disconnect())))
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

function deliver(set: Set<(message: string) => void> | undefined, message: string) {
  for (const listener of set ?? []) {
    try {
      listener(message)
    } catch {
      // One listener's failure must not keep the message from the others.
    }
  }
}
