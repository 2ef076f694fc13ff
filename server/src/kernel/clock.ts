// Time is injected so deadlines and ordering are deterministic in tests.
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }

/** A clock a test moves by hand. */
export function manualClock(start = new Date('2026-01-01T00:00:00Z')) {
  let current = start.getTime()
  return {
    now: () => new Date(current),
    set: (at: Date) => {
      current = at.getTime()
    },
    advance: (ms: number) => {
      current += ms
    },
  }
}
