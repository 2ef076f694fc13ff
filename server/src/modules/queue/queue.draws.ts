// The opening draw of events with a pre-queue (docs/DRAW.md): its public record, the frozen list, and the job that
// freezes each draw at the opening and numbers it once its seed is known. Freezing is also done by the first join
// after the opening (queue_join), so numbers after the opening never wait for this job; numbering waits only for
// the beacon round, and the booking worker waits for it (it processes numbers in order and stops at a gap).
import { createHash, randomBytes } from 'node:crypto'
import { sql } from 'drizzle-orm'
import type { Beacon, BeaconRound } from '../../adapters/beacon/drand.ts'
import type { Db, DbOrTx } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { Job } from '../../kernel/jobs.ts'
import { eventNotFound } from '../catalog/index.ts'
import { beaconRoundFor, commitmentOf, DRAW_ALGORITHM, drawOrder, roundTime, seedOf } from './queue.draw.ts'
import { drawInconsistent, noDraw, notFrozen } from './queue.errors.ts'
import type { SaleTermsOf } from './queue.joiner.ts'
import type { DrawListView, DrawView } from './queue.schemas.ts'
import type { DrawStatus } from './queue.tables.ts'

/** How long past its time a beacon round is waited for before the draw goes ahead on its secret alone. */
const BEACON_PATIENCE_MS = 60_000

type Row = Record<string, unknown>
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows
const dateOf = (v: unknown) => (v instanceof Date ? v : new Date(String(v)))
const iso = (v: unknown) => (v === null || v === undefined ? null : dateOf(v).toISOString())

interface DrawRow {
  eventId: string
  status: DrawStatus
  secret: string
  secretHash: string
  beacon: { chainHash: string; genesisTime: number; period: number } | null
  frozenAt: Date | null
  entries: number | null
  commitment: string | null
  firstNumber: number | null
  beaconRandomness: string | null
  beaconSignature: string | null
  seed: string | null
  drawnAt: Date | null
}

const toDraw = (r: Row): DrawRow => ({
  eventId: String(r.event_id),
  status: r.status as DrawStatus,
  secret: String(r.secret),
  secretHash: String(r.secret_hash),
  beacon: (typeof r.beacon === 'string' ? JSON.parse(r.beacon) : r.beacon) as DrawRow['beacon'],
  frozenAt: r.frozen_at === null ? null : dateOf(r.frozen_at),
  entries: r.entries === null ? null : Number(r.entries),
  commitment: (r.commitment as string | null) ?? null,
  firstNumber: r.first_number === null ? null : Number(r.first_number),
  beaconRandomness: (r.beacon_randomness as string | null) ?? null,
  beaconSignature: (r.beacon_signature as string | null) ?? null,
  seed: (r.seed as string | null) ?? null,
  drawnAt: r.drawn_at === null ? null : dateOf(r.drawn_at),
})

/** The beacon round a draw's seed takes: fixed by when it froze (null while open, or for a draw without a beacon). */
const roundOf = (draw: DrawRow) => (draw.beacon && draw.frozenAt ? beaconRoundFor(draw.frozenAt, draw.beacon) : null)

const drawRepository = {
  async find(db: DbOrTx, eventId: string) {
    const [row] = rowsOf(await db.execute(sql`select * from queue_draws where event_id = ${eventId}`))
    return row ? toDraw(row) : undefined
  },
  async create(db: DbOrTx, eventId: string, beacon: DrawRow['beacon'], now: Date) {
    const secret = randomBytes(32).toString('hex')
    const secretHash = createHash('sha256').update(secret).digest('hex')
    await db.execute(sql`insert into queue_draws (event_id, secret, secret_hash, beacon, created_at)
      values (${eventId}, ${secret}, ${secretHash}, ${beacon === null ? null : JSON.stringify(beacon)}::jsonb,
        ${now.toISOString()}::timestamptz)
      on conflict (event_id) do nothing`)
  },
  async withStatus(db: DbOrTx, status: DrawStatus) {
    const rows = rowsOf(await db.execute(sql`select event_id from queue_draws where status = ${status}`))
    return rows.map((r) => String(r.event_id))
  },
  async registrations(db: DbOrTx, eventId: string) {
    const [row] = rowsOf(
      await db.execute(sql`select count(*)::int as n from queue_registrations where event_id = ${eventId}`),
    )
    return Number(row?.n ?? 0)
  },
  async tickets(db: DbOrTx, eventId: string) {
    const rows = rowsOf(
      await db.execute(sql`select ticket from queue_registrations where event_id = ${eventId}
        order by ticket collate "C"`),
    )
    return rows.map((r) => String(r.ticket))
  },
  /** The frozen list with each ticket's number once drawn, in ticket order. */
  async list(db: DbOrTx, eventId: string) {
    const rows = rowsOf(
      await db.execute(sql`select r.ticket, e.number from queue_registrations r
        left join queue_entries e on e.event_id = r.event_id and e.draw_ticket = r.ticket and e.user_id = r.user_id
        where r.event_id = ${eventId} order by r.ticket collate "C"`),
    )
    return rows.map((r) => ({ ticket: String(r.ticket), number: r.number === null ? null : Number(r.number) }))
  },
  /** Freezes with the counter locked first, as queue_join does, so the two never wait on each other in a cycle. */
  async freeze(db: Db, eventId: string, now: Date) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into queue_counters as c (event_id) values (${eventId})
        on conflict (event_id) do update set last_number = c.last_number`)
      await tx.execute(sql`select queue_draw_freeze(${eventId}, ${now.toISOString()}::timestamptz)`)
    })
  },
  /**
   * Numbers a frozen draw: every registration becomes the entry `firstNumber + place` of `order` (left ones as
   * left), and the draw is marked drawn with what its seed came from. Under the draw's lock, once: false when another
   * process numbered it first.
   */
  async number(
    db: Db,
    draw: DrawRow,
    order: string[],
    seed: string,
    beacon: { round: number | null; randomness: string | null; signature: string | null },
    clock: () => Date,
  ) {
    return db.transaction(async (tx) => {
      const [row] = rowsOf(
        await tx.execute(sql`select status from queue_draws where event_id = ${draw.eventId} for update`),
      )
      if (row?.status !== 'frozen') return false
      await tx.execute(sql`insert into queue_entries (event_id, number, user_id, grade_id, quantity, status, joined_at,
          draw_ticket)
        select r.event_id, ${draw.firstNumber! - 1}::int + o.place::int, r.user_id, r.grade_id, r.quantity,
          case when r.withdrawn then 'left' else 'waiting' end, r.registered_at, r.ticket
        from unnest(${sql.param(order)}::text[]) with ordinality as o(ticket, place)
        join queue_registrations r on r.event_id = ${draw.eventId} and r.ticket = o.ticket`)
      // Once every entry is written: frozenAt → drawnAt is how long the numbering took.
      await tx.execute(sql`update queue_draws set status = 'drawn', seed = ${seed}, beacon_round = ${beacon.round},
          beacon_randomness = ${beacon.randomness}, beacon_signature = ${beacon.signature},
          drawn_at = ${clock().toISOString()}::timestamptz
        where event_id = ${draw.eventId}`)
      return true
    })
  },
}

export interface DrawDeps {
  db: Db
  clock: Clock
  saleTerms: SaleTermsOf
  /** The public beacon new draws use; null: new draws use their revealed secret alone. */
  beacon: Beacon | null
  pollMs?: number
  onError?: (error: unknown, eventId: string) => void
}

export function createDraws(deps: DrawDeps) {
  const { db, clock } = deps
  const ensured = new Set<string>()

  /** The event's draw, made (with its secret, whose hash is public from then on) the first time it is needed. */
  async function ensure(eventId: string) {
    if (ensured.has(eventId)) return
    await drawRepository.create(db, eventId, deps.beacon?.chain ?? null, clock.now())
    if (ensured.size > 10_000) ensured.clear()
    ensured.add(eventId)
  }

  async function termsWithPreQueue(eventId: string) {
    const terms = await deps.saleTerms(eventId)
    if (!terms) throw eventNotFound()
    if (!terms.preQueueOpensAt) throw noDraw()
    return { ...terms, preQueueOpensAt: terms.preQueueOpensAt }
  }

  async function view(eventId: string): Promise<DrawView> {
    const terms = await termsWithPreQueue(eventId)
    await ensure(eventId)
    const draw = (await drawRepository.find(db, eventId))!
    const drawn = draw.status === 'drawn'
    return {
      eventId,
      status: draw.status,
      algorithm: DRAW_ALGORITHM,
      preQueueOpensAt: terms.preQueueOpensAt.toISOString(),
      drawAt: terms.saleOpensAt.toISOString(),
      entries: draw.entries ?? (await drawRepository.registrations(db, eventId)),
      secretHash: draw.secretHash,
      secret: drawn ? draw.secret : null,
      frozenAt: iso(draw.frozenAt),
      commitment: draw.commitment,
      firstNumber: draw.firstNumber,
      beacon: draw.beacon && {
        source: 'drand' as const,
        chainHash: draw.beacon.chainHash,
        round: roundOf(draw),
        randomness: draw.beaconRandomness,
        signature: draw.beaconSignature,
      },
      seed: draw.seed,
      drawnAt: iso(draw.drawnAt),
    }
  }

  async function list(eventId: string): Promise<DrawListView> {
    await termsWithPreQueue(eventId)
    const draw = await drawRepository.find(db, eventId)
    if (!draw || draw.status === 'open') throw notFrozen()
    const entries = await drawRepository.list(db, eventId)
    return { eventId, status: draw.status, commitment: draw.commitment!, entries }
  }

  /** The beacon round a frozen draw waits for: the round, 'wait' to wait for it, or null to go ahead without. */
  async function beaconFor(draw: DrawRow, now: Date): Promise<BeaconRound | 'wait' | null> {
    const round = roundOf(draw)
    if (!draw.beacon || round === null) return null
    const due = roundTime(round, draw.beacon)
    if (now.getTime() < due) return 'wait'
    try {
      if (!deps.beacon || deps.beacon.chain.chainHash !== draw.beacon.chainHash)
        throw new Error('no relay of the chain')
      return await deps.beacon.round(round)
    } catch (error) {
      if (now.getTime() < due + BEACON_PATIENCE_MS) return 'wait'
      deps.onError?.(error, draw.eventId)
      return null
    }
  }

  /** Numbers one frozen draw when its seed can be had; true when it is drawn (by this call or another). */
  async function drawOne(eventId: string) {
    const draw = await drawRepository.find(db, eventId)
    if (!draw || draw.status !== 'frozen') return draw?.status === 'drawn'
    const now = clock.now()
    const beacon = await beaconFor(draw, now)
    if (beacon === 'wait') return false
    const tickets = await drawRepository.tickets(db, eventId)
    if (tickets.length !== draw.entries || commitmentOf(tickets) !== draw.commitment) throw drawInconsistent(eventId)
    const seed = seedOf({
      eventId,
      commitment: draw.commitment,
      secret: draw.secret,
      beaconRandomness: beacon?.randomness ?? null,
    })
    await drawRepository.number(
      db,
      draw,
      drawOrder(tickets, seed),
      seed,
      { round: roundOf(draw), randomness: beacon?.randomness ?? null, signature: beacon?.signature ?? null },
      () => clock.now(),
    )
    return true
  }

  /** Freezes the open draws whose opening has come. */
  async function freezeDue() {
    const now = clock.now()
    for (const eventId of await drawRepository.withStatus(db, 'open')) {
      const terms = await deps.saleTerms(eventId)
      if (terms && now >= terms.saleOpensAt) await drawRepository.freeze(db, eventId, now)
    }
  }

  const job: Job = {
    name: 'queue.draw',
    intervalMs: deps.pollMs ?? 250,
    async run() {
      await freezeDue()
      for (const eventId of await drawRepository.withStatus(db, 'frozen')) {
        await drawOne(eventId).catch((error) => deps.onError?.(error, eventId))
      }
    },
  }

  return { ensure, view, list, job, drawOne, freezeDue }
}

export type Draws = ReturnType<typeof createDraws>
