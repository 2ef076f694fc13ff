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
  /**
   * Fan-out: delivers `message` to every listener on `channel` in every process (this one included). Best effort:
   * a message may be lost (e.g. while Redis is away), so listeners must also catch up from the database.
   */
  publish(channel: string, message: string): Promise<void>
  /** Calls `listener` for each message on `channel` until the returned function is called. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>
  ping(): Promise<void>
  close(): Promise<void>
}
