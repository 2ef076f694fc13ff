// A background job a worker runs on an interval; safe to run in several workers at once by its own design.
export interface Job {
  name: string
  intervalMs: number
  run(signal: AbortSignal): Promise<void>
}
