// Fast state shared between processes: counters and fan-out. Correctness never depends on it;
// the database stays the source of truth. In-process now; Redis when several processes run.
export interface RateDecision {
  allowed: boolean
  /** When not allowed: how long until the window frees a slot. */
  retryAfterMs: number
}

/** A counter in its window: how many, and how long until the window ends. */
export interface WindowCount {
  count: number
  resetInMs: number
}

export interface HotPath {
  readonly kind: 'in-process' | 'redis'
  /** Counts one hit against `key` in a fixed window of `windowMs`; allowed while the count is at most `limit`. */
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>
  /** Counts one against `key` (a window of `windowMs` starts with the first) and answers the count so far. */
  count(key: string, windowMs: number): Promise<WindowCount>
  /** The count in `key`'s current window, or null when none is open. Counts nothing. */
  peek(key: string): Promise<WindowCount | null>
  /** Closes `key`'s window. */
  forget(key: string): Promise<void>
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
