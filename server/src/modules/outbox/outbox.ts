// The transactional outbox. `emit(tx, event)` writes the event in the caller's transaction, so the event exists
// exactly when the change that caused it committed. An event is a record of a fact, and the way to reach deferred
// consumers; it never decides whether the caller's change succeeds (modules ask each other through ports for
// that). Consumers run later in the dispatcher, at least once, each delivery in its own transaction that also
// marks the event delivered; several workers share the work with FOR UPDATE SKIP LOCKED. Consumers must be
// idempotent: one may see an event again after a crash. They hold the dispatcher's transaction, so they do quick
// database work only; calls to the outside world belong in a job of their own that the consumer schedules (as
// payment refunds do). An event nobody consumes is kept as a record, already delivered.
import { and, asc, count, eq, inArray, isNotNull, isNull, lt, lte, min } from 'drizzle-orm'
import type { Logger } from 'pino'
import { Counter, type Registry } from 'prom-client'
import type { Db, Tx } from '../../adapters/db/database.ts'
import { gaugesFromRead } from '../../http/metrics.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Job } from '../../kernel/jobs.ts'
import { outboxEvents } from './outbox.tables.ts'

export interface OutboxEvent<P extends object = Record<string, unknown>> {
  type: string
  /** What the event is about, e.g. a booking id. */
  subject?: string
  payload: P
}

export interface StoredEvent<P extends object = Record<string, unknown>> extends OutboxEvent<P> {
  id: string
  createdAt: Date
  attempts: number
}

export type EventHandler<P extends object = Record<string, unknown>> = (event: StoredEvent<P>, tx: Tx) => Promise<void>

interface Subscription {
  name: string
  handler: EventHandler
}

export interface OutboxDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  logger: Logger
  /** Events claimed per dispatcher transaction. */
  batchSize?: number
  /** Where deliveries, failures and the backlog are reported (`outbox_*`); none by default. */
  metrics?: Registry
}

/** 1 s, 2 s, 4 s … capped at 5 minutes. */
export const backoffMs = (attempts: number) => Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1))

export function createOutbox(deps: OutboxDeps) {
  const { db, clock, newId, logger } = deps
  const batchSize = deps.batchSize ?? 50
  const deferred = new Map<string, Subscription[]>()
  const metrics = deps.metrics && outboxMetrics(deps.metrics, db, clock)
  const add = (map: Map<string, Subscription[]>, type: string, sub: Subscription) => {
    const list = map.get(type) ?? []
    if (list.some((s) => s.name === sub.name)) throw new Error(`handler ${sub.name} already subscribed to ${type}`)
    map.set(type, [...list, sub])
  }

  async function emit<P extends object>(tx: Tx, event: OutboxEvent<P>): Promise<StoredEvent<P>> {
    const now = clock.now()
    const stored: StoredEvent<P> = { ...event, id: newId(), createdAt: now, attempts: 0 }
    const later = deferred.get(event.type) ?? []
    await tx.insert(outboxEvents).values({
      id: stored.id,
      type: event.type,
      subject: event.subject ?? null,
      payload: event.payload as Record<string, unknown>,
      createdAt: now,
      availableAt: now,
      // Nothing deferred to do: the event is kept as a record, already delivered.
      deliveredAt: later.length === 0 ? now : null,
    })
    return stored
  }

  /** Delivers one batch of due events; returns how many were delivered. Safe to run in many workers at once. */
  async function dispatch(): Promise<number> {
    // Counted once the batch has committed: a rolled-back delivery did not happen.
    const outcomes: { type: string; delivered: boolean }[] = []
    const delivered = await db.transaction(async (tx) => {
      const now = clock.now()
      const due = await tx
        .select()
        .from(outboxEvents)
        .where(and(isNull(outboxEvents.deliveredAt), lte(outboxEvents.availableAt, now)))
        .orderBy(asc(outboxEvents.availableAt), asc(outboxEvents.id))
        .limit(batchSize)
        .for('update', { skipLocked: true })
      let delivered = 0
      for (const row of due) {
        const event: StoredEvent = {
          id: row.id,
          type: row.type,
          payload: row.payload,
          createdAt: row.createdAt,
          attempts: row.attempts + 1,
          ...(row.subject ? { subject: row.subject } : {}),
        }
        try {
          // A savepoint per event: a failing handler undoes only its own writes.
          await tx.transaction(async (sp) => {
            for (const sub of deferred.get(row.type) ?? []) await sub.handler(event, sp)
          })
          await tx
            .update(outboxEvents)
            .set({ deliveredAt: clock.now(), attempts: event.attempts, lastError: null })
            .where(eq(outboxEvents.id, row.id))
          delivered++
          outcomes.push({ type: row.type, delivered: true })
        } catch (error) {
          outcomes.push({ type: row.type, delivered: false })
          const message = error instanceof Error ? error.message : String(error)
          logger.warn(
            { err: error, eventId: row.id, type: row.type, attempts: event.attempts },
            'event delivery failed',
          )
          await tx
            .update(outboxEvents)
            .set({
              attempts: event.attempts,
              lastError: message.slice(0, 1000),
              availableAt: new Date(now.getTime() + backoffMs(event.attempts)),
            })
            .where(eq(outboxEvents.id, row.id))
        }
      }
      return delivered
    })
    for (const o of outcomes) (o.delivered ? metrics?.delivered : metrics?.failed)?.inc({ type: o.type })
    return delivered
  }

  /** Dispatches until nothing due is left (or `max` batches); for tests and for draining at shutdown. */
  async function drain(max = 100): Promise<number> {
    let total = 0
    for (let i = 0; i < max; i++) {
      const n = await dispatch()
      total += n
      if (n === 0) break
    }
    return total
  }

  /** Deletes delivered events older than `keepMs` (a week by default), a batch at a time; returns how many. */
  async function prune(keepMs = 7 * 24 * 3_600_000): Promise<number> {
    const before = new Date(clock.now().getTime() - keepMs)
    let total = 0
    for (;;) {
      const old = db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .where(and(isNotNull(outboxEvents.deliveredAt), lt(outboxEvents.deliveredAt, before)))
        .limit(1000)
      const gone = await db.delete(outboxEvents).where(inArray(outboxEvents.id, old)).returning({ id: outboxEvents.id })
      total += gone.length
      if (gone.length < 1000) return total
    }
  }

  const job: Job = {
    name: 'outbox.dispatch',
    intervalMs: 250,
    async run(signal) {
      while (!signal.aborted && (await dispatch()) > 0) {}
    },
  }

  const pruneJob: Job = {
    name: 'outbox.prune',
    intervalMs: 3_600_000,
    run: async () => {
      await prune()
    },
  }

  return {
    emit,
    dispatch,
    drain,
    prune,
    job,
    pruneJob,
    /** Runs later, at least once, in its own transaction; must be idempotent. */
    on<P extends object>(type: string, name: string, handler: EventHandler<P>) {
      add(deferred, type, { name, handler: handler as unknown as EventHandler })
    },
  }
}

export type Outbox = ReturnType<typeof createOutbox>

/**
 * Deliveries and failures by event type (a handful of types, never ids), and the backlog read at each scrape: how many
 * events wait for delivery and how long the oldest has waited. A backlog that only grows means no dispatcher runs,
 * or a handler keeps failing (its type shows in the failures).
 */
function outboxMetrics(registry: Registry, db: Db, clock: Clock) {
  const registers = [registry]
  gaugesFromRead(
    registry,
    async () => {
      const [row] = await db
        .select({ pending: count(), oldest: min(outboxEvents.createdAt) })
        .from(outboxEvents)
        .where(isNull(outboxEvents.deliveredAt))
      const oldest = row?.oldest ? new Date(row.oldest).getTime() : undefined
      return {
        pending: row?.pending ?? 0,
        oldestSeconds: oldest === undefined ? 0 : Math.max(0, (clock.now().getTime() - oldest) / 1000),
      }
    },
    {
      pending: { name: 'outbox_events_pending', help: 'Outbox events not yet delivered to their deferred handlers' },
      oldestSeconds: {
        name: 'outbox_oldest_pending_seconds',
        help: 'Age of the oldest undelivered outbox event (0 when none waits)',
      },
    },
  )
  return {
    delivered: new Counter({
      name: 'outbox_events_delivered_total',
      help: 'Outbox events delivered to every deferred handler, by event type',
      labelNames: ['type'],
      registers,
    }),
    failed: new Counter({
      name: 'outbox_delivery_failures_total',
      help: 'Failed delivery attempts (retried later with backoff), by event type',
      labelNames: ['type'],
      registers,
    }),
  }
}
