// The booking worker: processes each event's entries in number order, a batch per transaction, one processor per
// event at a time (a lease in queue_progress). Exactly-once rests on the database: a batch renews the lease and locks
// the progress row first, and results only change entries still waiting.
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Db, Tx } from '../../adapters/db/database.ts'
import type { HotPath } from '../../adapters/hot-path/hot-path.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { Job } from '../../kernel/jobs.ts'
import type { BatchResult, EntryToAllocate } from '../booking/index.ts'
import type { QueueMetrics } from './queue.metrics.ts'
import { PROGRESS_CHANNEL } from './queue.progress.ts'
import { queueRepository as repo } from './queue.repository.ts'

export interface WorkerDeps {
  db: Db
  clock: Clock
  hotPath: HotPath
  /** The booking module books a batch: its rules decide who gets seats. Null when the event is gone. */
  book: (tx: Tx, eventId: string, entries: readonly EntryToAllocate[], now: Date) => Promise<BatchResult[] | null>
  /** This process's name on leases. */
  owner: string
  batchSize?: number
  /** A crashed processor's events are taken over this long after its last batch. */
  leaseMs?: number
  pollMs?: number
  metrics?: QueueMetrics
  onError?: (error: unknown, eventId: string) => void
}

type BatchOutcome =
  | { kind: 'lost' }
  | { kind: 'done'; count: number; servedUpTo: number; succeeded: number; failed: number }

export function createQueueWorker(deps: WorkerDeps) {
  const { db, clock, hotPath, book, owner } = deps
  const batchSize = deps.batchSize ?? 5000
  const leaseMs = deps.leaseMs ?? 5000
  // How long a drained event waits before its next batch. Longer means fuller batches during a surge, each a fixed
  // number of statements, so less CPU per join, for results a little later (docs/BENCHMARKS.md, "Figures behind the code").
  const pollMs = deps.pollMs ?? 200
  const running = new Map<string, Promise<void>>()
  const rates = new Map<string, number>()

  async function processBatch(tx: Tx, eventId: string, rate: number): Promise<BatchOutcome> {
    const served = await repo.renewLease(tx, eventId, owner, leaseMs)
    if (served === undefined) return { kind: 'lost' }
    const fetched = await repo.nextEntries(tx, eventId, served, batchSize)
    // Committed numbers form a prefix; stop at any gap rather than skip a number.
    const entries = fetched.filter((e, i) => e.number === served + i + 1)
    if (entries.length === 0) return { kind: 'done', count: 0, servedUpTo: served, succeeded: 0, failed: 0 }
    const now = clock.now()
    const results = await book(tx, eventId, entries, now)
    if (!results) return { kind: 'done', count: 0, servedUpTo: served, succeeded: 0, failed: 0 }
    const written = await repo.recordResults(
      tx,
      eventId,
      results.map((r) =>
        r.outcome === 'booked'
          ? { number: r.number, status: 'succeeded' as const, bookingId: r.bookingId, reason: null }
          : { number: r.number, status: 'failed' as const, bookingId: null, reason: r.reason },
      ),
      now,
    )
    if (written !== results.length) throw new Error(`queue batch for ${eventId} raced another writer; rolled back`)
    const servedUpTo = entries[entries.length - 1]!.number
    await repo.advance(tx, eventId, servedUpTo, rate)
    const succeeded = results.filter((r) => r.outcome === 'booked').length
    return { kind: 'done', count: entries.length, servedUpTo, succeeded, failed: results.length - succeeded }
  }

  async function processEvent(eventId: string, signal: AbortSignal) {
    if (!(await repo.acquireLease(db, eventId, owner, leaseMs))) return
    while (!signal.aborted) {
      const started = performance.now()
      const rate = rates.get(eventId) ?? 0
      const outcome = await db.transaction((tx) => processBatch(tx, eventId, rate))
      if (outcome.kind === 'lost' || outcome.count === 0) return
      deps.metrics?.processBatch.observe((performance.now() - started) / 1000)
      deps.metrics?.processed.inc({ outcome: 'succeeded' }, outcome.succeeded)
      deps.metrics?.processed.inc({ outcome: 'failed' }, outcome.failed)
      // Processing rate, smoothed over batches; it drives every waiting fan's ETA.
      const batchRate = outcome.count / Math.max((performance.now() - started) / 1000, 0.001)
      rates.set(eventId, rate === 0 ? batchRate : rate * 0.7 + batchRate * 0.3)
      await hotPath
        .publish(
          PROGRESS_CHANNEL,
          JSON.stringify({ eventId, servedUpTo: outcome.servedUpTo, processedPerSecond: rates.get(eventId) }),
        )
        .catch(() => {}) // fan-out is best effort; streams also read progress every second
      // A partial batch means the backlog is drained: stop, and let the next poll collect a fuller batch, so that a
      // trickle of joins does not cost a transaction each (on the embedded database it would starve the joins).
      if (outcome.count < batchSize) return
    }
  }

  function startMissing(eventIds: string[], signal: AbortSignal) {
    for (const id of eventIds) {
      if (running.has(id)) continue
      running.set(
        id,
        processEvent(id, signal)
          .catch((error) => deps.onError?.(error, id))
          .finally(() => running.delete(id)),
      )
    }
  }

  const job: Job = {
    name: 'queue.process',
    intervalMs: pollMs,
    // Each event has its own processor, so events never wait on each other; run() stays while any is working so
    // the worker's stop() waits for in-flight batches, and it looks for newly busy events every poll.
    async run(signal) {
      startMissing(await repo.eventsWithWork(db, owner), signal)
      while (running.size > 0 && !signal.aborted) {
        await sleep(pollMs)
        if (!signal.aborted) startMissing(await repo.eventsWithWork(db, owner), signal)
      }
      await Promise.allSettled([...running.values()])
    },
  }

  return {
    job,
    /** Frees this process's leases so another worker takes over at once (on a clean stop). */
    async releaseLeases() {
      await repo.releaseLeases(db, owner)
    },
  }
}
