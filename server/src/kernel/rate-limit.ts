// Rate limits over a shared counter (the hot path); a 429 says when to come back.
import { tooManyRequests } from './app-error.ts'

export interface RateRule {
  limit: number
  windowMs: number
}

export type RateLimiter = (bucket: string, subject: string, rule: RateRule) => Promise<void>

/** What a limiter needs of its store: a windowed counter (the hot path's `hit`). */
export interface WindowCounter {
  hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }>
}

export function createRateLimiter(counter: WindowCounter, enabled: boolean): RateLimiter {
  return async (bucket, subject, rule) => {
    if (!enabled) return
    const decision = await counter.hit(`rl:${bucket}:${subject}`, rule.limit, rule.windowMs)
    if (!decision.allowed) throw tooManyRequests(decision.retryAfterMs / 1000)
  }
}
