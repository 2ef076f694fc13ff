// `npm run bench -- surge --door [--fans N] [--late L] [--connections C] [--seats S] [--warmup W]`: the surge with
// every defence of the door on, beside the same surge with all of them off, in one run on PostgreSQL (one process).
//
// - off: L fans join an event with no entry rules (the baseline);
// - registrations: N verified fans (a birth year in the token, as 본인인증 leaves it) join a protected event's
//   pre-queue, each with a solved proof-of-work, and are registered for the draw;
// - the draw: the opening comes (the bench moves saleOpensAt to now, as the clock would), the worker freezes the
//   list and numbers all N; its time is the server's own drawnAt − frozenAt;
// - after the draw: L more verified fans join the same event with proofs and are numbered after the drawn ones
//   (measured once the worker has processed the drawn list, as the baseline's worker has nothing else to do).
// Proofs are fetched over HTTP (GET …/queue/challenge) and solved by this process before the clock starts, as
// browsers solve them while their fans wait. They are solved at cost 1: the server's check of a proof is the same
// two HMACs whatever its cost (bench/pow measures both sides), and solving 150,000 proofs at a phone's cost would
// take this machine a day. Afterwards `verify-draw` recomputes every drawn number from the HTTP API.
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { solveChallenge } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'
import { sql } from 'drizzle-orm'
import { verifyDraw } from '../../server/scripts/verify-draw.ts'
import { insertEvent } from '../../server/test/events-factory.ts'
import { type Fan, insertFans, TEST_JWT_SECRET } from '../../server/test/fans-factory.ts'
import { startProcess } from '../processes.ts'
import { drained, measure, type Phase, statusText } from './index.ts'
import { drive } from './load.ts'
import { createStorage } from './setup.ts'

const MAIN = new URL('../../server/src/main.ts', import.meta.url).pathname
const MINUTE = 60_000

type Event = { eventId: string; grades: { id: string }[] }

/** One join per fan of the event's first grade, with its proof when given. */
function joins(event: Event, fans: Fan[], proofs?: string[]) {
  return (i: number) => ({
    method: 'POST' as const,
    path: `/api/events/${event.eventId}/queue`,
    headers: { authorization: `Bearer ${fans[i]!.token}`, 'content-type': 'application/json' },
    // With proofs, as the web app sends a join (its button always asks to rejoin after a failure).
    body: JSON.stringify({
      gradeId: event.grades[0]!.id,
      quantity: 1,
      ...(proofs && { proof: proofs[i], rejoin: true }),
    }),
  })
}

/** Each fan's challenge for the event, over HTTP, solved here; the payloads their joins carry. */
async function proofsFor(url: string, eventId: string, fans: Fan[], connections: number) {
  const challenges: unknown[] = new Array(fans.length)
  const load = await drive(
    url,
    connections,
    fans.length,
    (i) => ({
      method: 'GET',
      path: `/api/events/${eventId}/queue/challenge`,
      headers: { authorization: `Bearer ${fans[i]!.token}` },
    }),
    (i, status, body) => {
      if (status !== 200) throw new Error(`challenge ${status}: ${body}`)
      challenges[i] = JSON.parse(body)
    },
  )
  const proofs: string[] = []
  for (const challenge of challenges) {
    const solution = await solveChallenge({ challenge: challenge as never, deriveKey })
    if (!solution) throw new Error('a challenge was not solved')
    proofs.push(Buffer.from(JSON.stringify({ challenge, solution })).toString('base64'))
  }
  return { proofs, perSecond: load.perSecond }
}

interface DrawAnswer {
  status: string
  entries: number
  frozenAt: string | null
  drawnAt: string | null
}

export async function runDoor(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      fans: { type: 'string', default: '100000' },
      late: { type: 'string', default: '50000' },
      connections: { type: 'string', default: '100' },
      seats: { type: 'string', default: '1000' },
      warmup: { type: 'string', default: '5000' },
      db: { type: 'string', default: 'postgres' },
    },
  })
  if (values.db !== 'postgres') throw new Error('surge --door runs on PostgreSQL')
  const registrants = Number(values.fans)
  const late = Number(values.late)
  const connections = Number(values.connections)
  const seats = Number(values.seats)
  const warmup = Number(values.warmup)
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const storage = await createStorage('postgres')
  try {
    log(`preparing ${registrants} registrants, ${late} late fans and ${late} fans of the open event…`)
    const setup = await storage.open()
    const grade = [{ name: 'R석', price: 154_000, capacity: seats }]
    const now = Date.now()
    const open = await insertEvent(setup.db, { grades: grade })
    const warmOpen = await insertEvent(setup.db, { grades: grade })
    const rules = { requireIdentity: true, grades: grade }
    const door = await insertEvent(setup.db, {
      ...rules,
      preQueueOpensAt: new Date(now - MINUTE),
      saleOpensAt: new Date(now + 24 * 60 * MINUTE),
    })
    const warmDoor = await insertEvent(setup.db, { ...rules, saleOpensAt: new Date(now - MINUTE) })
    const entryChallenge = JSON.stringify({ cost: 1 })
    await setup.db.execute(sql`update events set entry_challenge = ${entryChallenge}::jsonb
      where id in (${door.eventId}, ${warmDoor.eventId})`)
    const plainFans = await insertFans(setup.db, late)
    const verified = await insertFans(setup.db, registrants + late, { birthYear: 1998 })
    const warmFans = await insertFans(setup.db, warmup, { birthYear: 1998 })
    // 255,000 accounts were just written: settle their statistics now, so autovacuum does not run in a phase.
    await setup.db.execute(sql`vacuum analyze`)
    await setup.close()

    const env = {
      ...storage.env,
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMITS: 'off',
      SEED_DEMO: 'off',
      DRAND_URL: 'off',
    }
    const server = await startProcess(MAIN, env)
    const servers = [server]
    log('fetching and solving proofs…')
    const warmProofs = await proofsFor(server.url, warmDoor.eventId, warmFans, connections)
    const doorProofs = await proofsFor(server.url, door.eventId, verified, connections)
    const registering = verified.slice(0, registrants)
    const lateFans = verified.slice(registrants)

    // Everything off: the baseline, warmed on its own event first.
    await drive(server.url, connections, warmup, joins(warmOpen, warmFans))
    const off = await measure(servers, late, () => drive(server.url, connections, late, joins(open, plainFans)))
    await drained(server.url, open.eventId, late)
    log(`off: ${Math.round(off.load.perSecond)} joins/s`)

    // Everything on. The warm-up event is on sale, so its joins warm the proof-checking join path.
    await drive(server.url, connections, warmup, joins(warmDoor, warmFans, warmProofs.proofs))
    const registered = await measure(servers, registrants, () =>
      drive(server.url, connections, registrants, joins(door, registering, doorProofs.proofs.slice(0, registrants))),
    )
    log(`registrations: ${Math.round(registered.load.perSecond)}/s`)

    // The opening.
    const moved = await storage.open()
    await moved.db.execute(sql`update events set sale_opens_at = now() where id = ${door.eventId}`)
    await moved.close()
    const drawStarted = performance.now()
    let draw: DrawAnswer
    for (;;) {
      draw = (await (await fetch(`${server.url}/api/events/${door.eventId}/draw`)).json()) as DrawAnswer
      if (draw.status === 'drawn') break
      await sleep(20)
    }
    const drawSeconds = (Date.parse(draw.drawnAt!) - Date.parse(draw.frozenAt!)) / 1000
    const openingToDrawn = (performance.now() - drawStarted) / 1000
    log(`draw of ${draw.entries}: ${drawSeconds.toFixed(2)} s`)

    // The worker numbers and processes the drawn list first; joins after the draw are measured once it has, so the
    // server's CPU per join holds the same work as the baseline's (its own entries' processing, not 100,000 more).
    await drained(server.url, door.eventId, registrants)
    const after = await measure(servers, late, () =>
      drive(server.url, connections, late, joins(door, lateFans, doorProofs.proofs.slice(registrants))),
    )
    log(`joins after the draw: ${Math.round(after.load.perSecond)}/s`)
    await drained(server.url, door.eventId, registrants + late)
    const verification = await verifyDraw(server.url, door.eventId)
    await server.stop()

    const check = await storage.open()
    const one = async (query: ReturnType<typeof sql>) =>
      ((await check.db.execute(query)) as unknown as { rows: Record<string, number>[] }).rows[0]!
    const counts = await one(sql`select
        count(*)::int as entries,
        count(distinct user_id)::int as people,
        count(distinct number)::int as numbers,
        max(number)::int as last,
        count(*) filter (where draw_ticket is not null and number > ${registrants})::int as drawn_late,
        count(*) filter (where draw_ticket is null and number <= ${registrants})::int as late_early
      from queue_entries where event_id = ${door.eventId}`)
    const sold = await one(
      sql`select count(*)::int as n from tickets where event_id = ${door.eventId} and status = 'valid'`,
    )
    await check.close()

    const ms = (x: number) => `${x.toFixed(1)} ms`
    const rate = ({ load }: Phase) => `${Math.round(load.perSecond)} /s, p50 ${ms(load.p50)}, p99 ${ms(load.p99)}`
    const cpu = (p: Phase) =>
      `server ${Math.round(p.serverUs)} + PostgreSQL ${Math.round(p.postgresUs)} + load generator ${Math.round(p.loadUs)} · ${Math.round(p.idlePercent)}% idle`
    const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`
    const numbered = counts.entries === registrants + late && counts.numbers === counts.entries
    const table = [
      `surge --door · postgres · one process · ${registrants} registrants + ${late} late · ${connections} connections · ${seats} seats · ${new Date().toISOString()}`,
      '| measure | value |',
      '|---|---|',
      `| everything off: joins (${late} fans, no entry rules) | ${rate(off)} · CPU µs/join: ${cpu(off)} · ${statusText(off.load)} |`,
      `| proofs: challenges fetched (before the clock) | ${Math.round(doorProofs.perSecond)} /s |`,
      `| everything on: pre-queue registrations (identity + proof) | ${rate(registered)} · CPU µs/registration: ${cpu(registered)} · ${statusText(registered.load)} |`,
      `| the draw of ${draw.entries} (server: frozenAt → drawnAt) | ${drawSeconds.toFixed(2)} s (opening moved → drawn seen: ${openingToDrawn.toFixed(2)} s) |`,
      `| everything on: joins after the draw (identity + proof) | ${rate(after)} (${pct(after.load.perSecond, off.load.perSecond)} of everything off) · CPU µs/join: ${cpu(after)} · ${statusText(after.load)} |`,
      `| numbers: entries · distinct people · distinct numbers · last | ${counts.entries} · ${counts.people} · ${counts.numbers} · ${counts.last} (${numbered ? 'dense, one per fan' : 'NOT dense'}); drawn after the list ${counts.drawn_late}, late before it ${counts.late_early} |`,
      `| verify-draw from the HTTP API | ${
        verification.ok
          ? `✓ ${verification.checks.find((c) => c.name === 'numbers')!.detail}`
          : `✗ ${verification.checks
              .filter((c) => !c.ok)
              .map((c) => `${c.name}: ${c.detail}`)
              .join('; ')}`
      } |`,
      `| sold · oversold | ${sold.n} · ${Math.max(0, sold.n! - seats)} |`,
    ]
    process.stdout.write(`${table.join('\n')}\n`)
  } finally {
    await storage.cleanup()
  }
}
