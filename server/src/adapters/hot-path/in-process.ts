// The single-process hot path: plain maps, swept now and then so that old windows do not pile up.
import type { Clock } from '../../kernel/clock.ts'
import type { HotPath } from './hot-path.ts'

export function createInProcessHotPath(clock: Clock): HotPath {
  const windows = new Map<string, { count: number; endsAt: number }>()
  const channels = new Map<string, Set<(message: string) => void>>()
  let lastSweep = 0
  const sweep = (now: number) => {
    if (now - lastSweep < 60_000) return
    lastSweep = now
    for (const [key, w] of windows) if (w.endsAt <= now) windows.delete(key)
  }
  const count = (key: string, windowMs: number) => {
    const now = clock.now().getTime()
    sweep(now)
    let w = windows.get(key)
    if (!w || w.endsAt <= now) {
      w = { count: 0, endsAt: now + windowMs }
      windows.set(key, w)
    }
    w.count++
    return { count: w.count, resetInMs: w.endsAt - now }
  }
  return {
    kind: 'in-process',
    async hit(key, limit, windowMs) {
      const w = count(key, windowMs)
      return w.count <= limit ? { allowed: true, retryAfterMs: 0 } : { allowed: false, retryAfterMs: w.resetInMs }
    },
    async count(key, windowMs) {
      return count(key, windowMs)
    },
    async peek(key) {
      const now = clock.now().getTime()
      const w = windows.get(key)
      return w && w.endsAt > now ? { count: w.count, resetInMs: w.endsAt - now } : null
    },
    async forget(key) {
      windows.delete(key)
    },
    async publish(channel, message) {
      // Delivered asynchronously, as over a network; a failing listener never reaches the publisher.
      for (const listener of channels.get(channel) ?? [])
        queueMicrotask(() => {
          try {
            listener(message)
          } catch {}
        })
    },
    async subscribe(channel, listener) {
      const set = channels.get(channel) ?? new Set()
      channels.set(channel, set)
      const own = (message: string) => listener(message)
      set.add(own)
      return async () => {
        set.delete(own)
      }
    },
    async ping() {},
    async close() {
      windows.clear()
      channels.clear()
    },
  }
}
