// `npm run verify-draw` as an outsider runs it: a separate process that knows only the platform's base URL, the
// event id and a drand relay, against a listening app that drew with a recorded quicknet round. It passes on the
// real draw and fails on every alteration a dishonest operator could make afterwards.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it } from 'vitest'
import { manualClock } from '../../src/kernel/clock.ts'
import { startDrandDouble } from '../drand-double.ts'
import { insertEvent } from '../events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../fans-factory.ts'
import { startTestApp, storages, type TestApp } from '../harness.ts'

const serverDir = fileURLToPath(new URL('../..', import.meta.url))
const run = promisify(execFile)

/** Runs the verifier; its exit code and what it printed. */
async function verify(...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'scripts/verify-draw.ts', ...args], {
      cwd: serverDir,
    })
    return { code: 0, out: stdout + stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, out: e.stdout + e.stderr }
  }
}

describe.each(storages)('npm run verify-draw on %s', (storage) => {
  const closers: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close()
  })

  /** A drawn event: 25 fans registered, frozen during quicknet round 998 and seeded with round 1000. */
  async function drawnEvent() {
    const drand = await startDrandDouble()
    closers.push(drand.close)
    const clock = manualClock(new Date('2023-08-23T15:49:19Z'))
    const app: TestApp = await startTestApp(
      storage,
      { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off', DRAND_URL: drand.url },
      { clock },
    )
    closers.push(() => app.close())
    const base = await app.http.listen({ host: '127.0.0.1', port: 0 })
    const now = clock.now().getTime()
    const { eventId, grades } = await insertEvent(app.database.db, {
      now: clock.now(),
      preQueueOpensAt: new Date(now - 60_000),
      saleOpensAt: new Date(now + 600_000),
      grades: [{ name: 'R석', price: 99_000, capacity: 100 }],
    })
    const fans = await insertFans(app.database.db, 25)
    const joined = await Promise.all(
      fans.map((f) =>
        app.http.inject({
          method: 'POST',
          url: `/api/events/${eventId}/queue`,
          headers: { authorization: `Bearer ${f.token}` },
          payload: { gradeId: grades[0]!.id, quantity: 1 },
        }),
      ),
    )
    const job = app.jobs.find((j) => j.name === 'queue.draw')!
    clock.set(new Date(now + 600_000))
    await job.run(new AbortController().signal)
    const relay = drand.url.slice(0, drand.url.lastIndexOf('/'))
    const args = [base, eventId, '--drand', relay]
    const pending = await verify(...args)
    clock.set(new Date('2023-08-23T15:59:25Z'))
    await job.run(new AbortController().signal)
    return { app, eventId, args, pending, ticket: joined[0]!.json().drawTicket as string }
  }

  it('recomputes every number of a real draw from the HTTP API alone, and says "not yet" before the draw', async () => {
    const { args, pending, ticket, app, eventId } = await drawnEvent()
    expect(pending.code).toBe(2)
    expect(pending.out).toContain('not drawn yet')
    const result = await verify(...args, '--ticket', ticket)
    expect(result.out).toContain('✓ numbers: all 25 numbers follow from the seed (1 … 25)')
    expect(result.out).toContain('✓ beacon randomness: round 1000')
    const [mine] = (
      (await app.database.db.execute(
        sql`select number from queue_entries where event_id = ${eventId} and draw_ticket = ${ticket}`,
      )) as unknown as { rows: { number: number }[] }
    ).rows
    expect(result.out).toContain(`your ticket ${ticket}: number ${mine!.number}`)
    expect(result.code).toBe(0)
  })

  it('fails when two numbers are swapped after the draw', async () => {
    const { app, eventId, args } = await drawnEvent()
    const db = app.database.db
    await db.execute(sql`update queue_entries set number = -1 where event_id = ${eventId} and number = 1`)
    await db.execute(sql`update queue_entries set number = 1 where event_id = ${eventId} and number = 2`)
    await db.execute(sql`update queue_entries set number = 2 where event_id = ${eventId} and number = -1`)
    const result = await verify(...args)
    expect(result.out).toMatch(/✗ numbers: 2 of 25 differ/)
    expect(result.code).toBe(1)
  })

  it('fails when the secret, the seed, the beacon round or the list is not what was committed to', async () => {
    const { app, eventId, args } = await drawnEvent()
    const db = app.database.db
    const alterations = [
      {
        check: 'secret',
        change: sql`update queue_draws set secret = repeat('0', 64) where event_id = ${eventId}`,
        undo: sql`update queue_draws set secret = (select secret from draw_backup) where event_id = ${eventId}`,
      },
      {
        check: 'seed',
        change: sql`update queue_draws set seed = repeat('1', 64) where event_id = ${eventId}`,
        undo: sql`update queue_draws set seed = (select seed from draw_backup) where event_id = ${eventId}`,
      },
      {
        check: 'beacon randomness',
        change: sql`update queue_draws set beacon_randomness = repeat('2', 64) where event_id = ${eventId}`,
        undo: sql`update queue_draws set beacon_randomness = (select beacon_randomness from draw_backup)
          where event_id = ${eventId}`,
      },
      {
        check: 'commitment',
        change: sql`update queue_registrations set ticket = repeat('f', 32)
          where ticket = (select min(ticket) from queue_registrations where event_id = ${eventId})`,
        undo: sql`select 1`,
      },
    ]
    await db.execute(sql`create table draw_backup as select * from queue_draws where event_id = ${eventId}`)
    for (const a of alterations) {
      await db.execute(a.change)
      const result = await verify(...args)
      expect(result.out, a.check).toContain(`✗ ${a.check}`)
      expect(result.code, a.check).toBe(1)
      await db.execute(a.undo)
    }
    await db.execute(sql`drop table draw_backup`)
  })
})
