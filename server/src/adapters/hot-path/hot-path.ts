// Fast state shared between processes: counters and fan-out. Correctness never depends on it;
// the database stays the source of truth. In-process now; Redis when several processes run.
export interface RateDecision {
  allowed: boolean
  /** When not allowed: how long until the window frees a slot. */
  retryAfterMs: number
}

export interface HotPath {
  readonly kind: 'in-process' | 'redis'
  /** Counts one hit against `key` in a fixed window of `windowMs`; allowed while the count is at most `limit`. */
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>
  ping(): Promise<void>
  close(): Promise<void>
}
