import { eq } from 'drizzle-orm'
import pino from 'pino'
import { Registry } from 'prom-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestDatabase, storages } from '../../../test/harness.ts'
import type { Database } from '../../adapters/db/database.ts'
import { manualClock } from '../../kernel/clock.ts'
import { newId } from '../../kernel/ids.ts'
import { outboxEvents } from './outbox.tables.ts'
import { createOutbox } from './outbox.ts'

describe.each(storages)('the transactional outbox on %s', (storage) => {
  let database: Database
  let clock: ReturnType<typeof manualClock>
  beforeEach(async () => {
    database = await openTestDatabase(storage)
    clock = manualClock(new Date('2026-05-01T00:00:00Z'))
  })
  afterEach(() => database.close())

  const outbox = () => createOutbox({ db: database.db, clock, newId, logger: pino({ level: 'silent' }), batchSize: 7 })

  it('writes nothing when the emitting transaction rolls back', async () => {
    const box = outbox()
    box.on('thing.happened', 'count', async () => {})
    await database.db
      .transaction(async (tx) => {
        await box.emit(tx, { type: 'thing.happened', payload: { n: 1 } })
        throw new Error('the change failed')
      })
      .catch(() => {})
    expect(await database.db.select().from(outboxEvents)).toHaveLength(0)
  })

  it('delivers every event exactly once to its handlers with several dispatchers at once', async () => {
    const box = outbox()
    const seen = new Map<string, number>()
    box.on<{ n: number }>('thing.happened', 'count', async (event) => {
      seen.set(event.id, (seen.get(event.id) ?? 0) + 1)
    })
    await database.db.transaction(async (tx) => {
      for (let n = 0; n < 60; n++) await box.emit(tx, { type: 'thing.happened', payload: { n } })
    })
    await Promise.all([box.drain(), box.drain(), box.drain(), box.drain()])
    expect(seen.size).toBe(60)
    expect([...seen.values()].every((count) => count === 1)).toBe(true)
    const pending = (await database.db.select().from(outboxEvents)).filter((e) => e.deliveredAt === null)
    expect(pending).toHaveLength(0)
  })

  it('retries a failing handler later, with backoff, and undoes its partial writes each time', async () => {
    const box = outbox()
    let failures = 1
    box.on('thing.happened', 'flaky', async (event, tx) => {
      // A write, then a failure: the savepoint must undo the write.
      await tx.update(outboxEvents).set({ subject: 'touched' }).where(eq(outboxEvents.id, event.id))
      if (failures-- > 0) throw new Error('downstream is down')
    })
    const emitted = await database.db.transaction((tx) =>
      box.emit(tx, { type: 'thing.happened', subject: 'x', payload: {} }),
    )
    expect(await box.dispatch()).toBe(0)
    const [afterFailure] = await database.db.select().from(outboxEvents).where(eq(outboxEvents.id, emitted.id))
    expect(afterFailure).toMatchObject({
      attempts: 1,
      lastError: 'downstream is down',
      subject: 'x',
      deliveredAt: null,
    })
    expect(afterFailure!.availableAt.getTime()).toBe(clock.now().getTime() + 1000)
    expect(await box.dispatch()).toBe(0) // not due yet
    clock.advance(1000)
    expect(await box.dispatch()).toBe(1)
    const [delivered] = await database.db.select().from(outboxEvents).where(eq(outboxEvents.id, emitted.id))
    expect(delivered).toMatchObject({ attempts: 2, lastError: null, subject: 'touched' })
  })

  it('keeps an event nobody consumes as a delivered record', async () => {
    const box = outbox()
    box.on('other.thing', 'elsewhere', async () => {})
    await database.db.transaction((tx) => box.emit(tx, { type: 'thing.happened', payload: {} }))
    const [row] = await database.db.select().from(outboxEvents)
    expect(row!.deliveredAt).not.toBeNull()
    expect(await box.drain()).toBe(0)
  })

  it('prunes delivered events after a week and keeps undelivered ones', async () => {
    const box = outbox()
    box.on('thing.happened', 'fails', async () => {
      throw new Error('never delivered')
    })
    await database.db.transaction(async (tx) => {
      await box.emit(tx, { type: 'other.thing', payload: {} })
      await box.emit(tx, { type: 'thing.happened', payload: {} })
    })
    clock.advance(6 * 24 * 3_600_000)
    expect(await box.prune()).toBe(0)
    clock.advance(2 * 24 * 3_600_000)
    expect(await box.prune()).toBe(1)
    const left = await database.db.select().from(outboxEvents)
    expect(left.map((e) => e.type)).toEqual(['thing.happened'])
  })

  it('reports deliveries and failures by type, and the backlog with its oldest age, on its metrics', async () => {
    const registry = new Registry()
    const box = createOutbox({ db: database.db, clock, newId, logger: pino({ level: 'silent' }), metrics: registry })
    let failures = 1
    box.on('thing.happened', 'flaky', async () => {
      if (failures-- > 0) throw new Error('downstream is down')
    })
    box.on('other.thing', 'fine', async () => {})
    const value = async (name: string, labels = '') =>
      Number(new RegExp(`^${name}${labels.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(await registry.metrics())?.[1])
    await database.db.transaction(async (tx) => {
      await box.emit(tx, { type: 'thing.happened', payload: {} })
      await box.emit(tx, { type: 'other.thing', payload: {} })
    })
    clock.advance(30_000)
    expect(await value('outbox_events_pending')).toBe(2)
    expect(await value('outbox_oldest_pending_seconds')).toBe(30)

    expect(await box.dispatch()).toBe(1)
    expect(await value('outbox_events_delivered_total', '{type="other.thing"}')).toBe(1)
    expect(await value('outbox_delivery_failures_total', '{type="thing.happened"}')).toBe(1)
    expect(await value('outbox_events_pending')).toBe(1)

    clock.advance(1000)
    expect(await box.dispatch()).toBe(1)
    expect(await value('outbox_events_delivered_total', '{type="thing.happened"}')).toBe(1)
    expect(await value('outbox_events_pending')).toBe(0)
    expect(await value('outbox_oldest_pending_seconds')).toBe(0)
  })
})
