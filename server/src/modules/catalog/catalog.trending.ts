// What people look at lately: views and search appearances add weight that halves every hour. Each viewer (an
// account, else an address) counts once per event per hour for each kind, so reloads and scripted searches from
// one place move nothing. Counted in memory per process behind a small interface, so a shared store can back it.

export type Interest = 'view' | 'search'

export interface TrendingCounter {
  /** Adds `weight` unless this viewer already showed this kind of interest in this event within the hour. */
  record(eventId: string, weight: number, at: Date, viewer: string, kind: Interest): Promise<void>
  /** Highest decayed score first. */
  top(limit: number, at: Date): Promise<{ id: string; score: number }[]>
}

export const HALF_LIFE_MS = 3600_000
const MAX_TRACKED = 20_000

export const VIEWER_WINDOW_MS = 3600_000

export function createInMemoryTrending(halfLifeMs = HALF_LIFE_MS): TrendingCounter {
  const scores = new Map<string, { score: number; at: number }>()
  const firstInterest = createViewDeduper(VIEWER_WINDOW_MS)
  const decayed = (s: { score: number; at: number }, now: number) => s.score * 2 ** (-(now - s.at) / halfLifeMs)

  /** Keeps memory bounded: forgets the weakest half when too many events are tracked. */
  function prune(now: number) {
    const ranked = [...scores].map(([id, s]) => [id, decayed(s, now)] as const).sort((a, b) => a[1] - b[1])
    for (const [id] of ranked.slice(0, ranked.length / 2)) scores.delete(id)
  }

  return {
    async record(eventId, weight, at, viewer, kind) {
      if (!firstInterest(`${kind}\u0000${viewer}`, eventId, at)) return
      const now = at.getTime()
      const held = scores.get(eventId)
      scores.set(eventId, { score: (held ? decayed(held, now) : 0) + weight, at: now })
      if (scores.size > MAX_TRACKED) prune(now)
    },
    async top(limit, at) {
      const now = at.getTime()
      return [...scores]
        .map(([id, s]) => ({ id, score: decayed(s, now) }))
        .filter((s) => s.score > 0.01)
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
        .slice(0, limit)
    },
  }
}

/** One viewer's repeated looks at one event count once per window, so reloading a page cannot push it up. */
export function createViewDeduper(windowMs: number, maxKeys = 200_000) {
  const seen = new Map<string, number>()
  return (viewer: string, eventId: string, at: Date): boolean => {
    const key = `${viewer}\u0000${eventId}`
    const last = seen.get(key)
    const now = at.getTime()
    if (last !== undefined && now - last < windowMs) return false
    seen.delete(key)
    seen.set(key, now)
    if (seen.size > maxKeys) seen.delete(seen.keys().next().value!)
    return true
  }
}
