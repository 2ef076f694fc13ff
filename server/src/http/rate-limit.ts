// Request rate limits over the hot path's counters; a 429 says when to come back.
import type { HotPath } from '../adapters/hot-path/hot-path.ts'
import { tooManyRequests } from '../kernel/app-error.ts'

export interface RateRule {
  limit: number
  windowMs: number
}

export type RateLimiter = (bucket: string, subject: string, rule: RateRule) => Promise<void>

export function createRateLimiter(hotPath: HotPath, enabled: boolean): RateLimiter {
  return async (bucket, subject, rule) => {
    if (!enabled) return
    const decision = await hotPath.hit(`rl:${bucket}:${subject}`, rule.limit, rule.windowMs)
    if (!decision.allowed) throw tooManyRequests(decision.retryAfterMs / 1000)
  }
}
