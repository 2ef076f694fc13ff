// The queue module's queries. Hot statements are raw SQL over unnest() so a batch is one statement per table.
import { sql } from 'drizzle-orm'
import type { DbOrTx, Tx } from '../../adapters/db/database.ts'
import type { FailureReason } from '../booking/index.ts'
import type { EntryStatus, QueueStatus } from './queue.tables.ts'

export interface EntryRow {
  eventId: string
  /** null while registered in a pre-queue: the opening draw gives the number. */
  number: number | null
  userId: string
  gradeId: string
  quantity: number
  status: EntryStatus
  bookingId: string | null
  reason: FailureReason | null
  joinedAt: Date
  /** The pseudonymous ticket in the opening draw's list (registrations and drawn entries); null otherwise. */
  drawTicket: string | null
}

/** A stored entry: numbered, with a stored status. */
export type NumberedEntry = Omit<EntryRow, 'number' | 'status'> & { number: number; status: QueueStatus }

export interface Progress {
  eventId: string
  servedUpTo: number
  lastNumber: number
  processedPerSecond: number
}

type Row = Record<string, unknown>
const rowsOf = (result: unknown) => (result as { rows: Row[] }).rows
const p = sql.param
const ENTRY_COLUMNS = sql`event_id, number, user_id, grade_id, quantity, status, booking_id, reason, joined_at, draw_ticket`

const toEntry = (r: Row): NumberedEntry => ({
  eventId: String(r.event_id),
  number: Number(r.number),
  userId: String(r.user_id),
  gradeId: String(r.grade_id),
  quantity: Number(r.quantity),
  // A lapsed hold was won: it shows as succeeded, and its booking says it expired.
  status: (r.status === 'lapsed' ? 'succeeded' : r.status) as QueueStatus,
  bookingId: (r.booking_id as string | null) ?? null,
  reason: (r.reason as FailureReason | null) ?? null,
  joinedAt: r.joined_at instanceof Date ? r.joined_at : new Date(String(r.joined_at)),
  drawTicket: (r.draw_ticket as string | null) ?? null,
})
const dateOf = (v: unknown) => (v instanceof Date ? v : new Date(String(v)))
/** A pre-queue registration shown as the account's entry. */
const toRegistration = (eventId: string, r: Row, left = r.withdrawn === true): EntryRow => ({
  eventId,
  number: null,
  userId: String(r.user_id),
  gradeId: String(r.grade_id),
  quantity: Number(r.quantity),
  status: left ? 'left' : 'registered',
  bookingId: null,
  reason: null,
  joinedAt: dateOf(r.registered_at),
  drawTicket: String(r.ticket),
})

export const queueRepository = {
  /**
   * A batch of join requests for one event (one per account, in arrival order) in one autocommit statement: the
   * `queue_join` function (queue.functions.ts) takes the counter lock, returns accounts' active entries and numbers the
   * `valid` others densely. One round trip per batch keeps joins fast when the database is far or busy.
   */
  async joinBatch(
    db: DbOrTx,
    eventId: string,
    requests: { userId: string; gradeId: string; quantity: number; valid: boolean; rejoin?: boolean }[],
    now: Date,
  ) {
    // A new entry is the request plus its number, so only existing entries come back whole: the surge's rows are
    // two short columns each, not nine to parse.
    const rows = rowsOf(
      await db.execute(sql`select existing, number, user_id,
          case when existing then grade_id end as grade_id, case when existing then quantity end as quantity,
          case when existing or status = 'barred' then status end as status, booking_id, reason,
          case when existing then joined_at end as joined_at, draw_ticket
        from queue_join(${eventId}, ${p(requests.map((r) => r.userId))}::text[],
          ${p(requests.map((r) => r.gradeId))}::text[], ${p(requests.map((r) => r.quantity))}::int[],
          ${p(requests.map((r) => r.valid))}::boolean[], ${p(requests.map((r) => r.rejoin === true))}::boolean[],
          ${now.toISOString()}::timestamptz)`),
    )
    const asked = new Map(requests.map((r) => [r.userId, r]))
    const existing: EntryRow[] = []
    const created: EntryRow[] = []
    const barred: string[] = []
    for (const r of rows) {
      if (r.status === 'barred') {
        barred.push(String(r.user_id))
        continue
      }
      if (r.existing === true) {
        existing.push(
          r.status === 'registered' ? toRegistration(eventId, r, false) : toEntry({ ...r, event_id: eventId }),
        )
        continue
      }
      const userId = String(r.user_id)
      const request = asked.get(userId)!
      created.push({
        eventId,
        number: Number(r.number),
        userId,
        gradeId: request.gradeId,
        quantity: request.quantity,
        status: 'waiting',
        bookingId: null,
        reason: null,
        joinedAt: now,
        drawTicket: null,
      })
    }
    return { existing, created, barred }
  },

  /** A won entry's hold expired unpaid: the entry lapses (the account may join again), counted for the bar. */
  async holdLapsed(db: DbOrTx, eventId: string, bookingId: string) {
    await db.execute(sql`with lapsed as (
        update queue_entries set status = 'lapsed'
        where event_id = ${eventId} and booking_id = ${bookingId} and status = 'succeeded' returning 1)
      update queue_counters set lapsed = lapsed + (select count(*) from lapsed)
      where event_id = ${eventId} and exists (select 1 from lapsed)`)
  },

  /**
   * A batch of pre-queue joins for one event (one per account) in one autocommit statement: `queue_register`
   * (queue.functions.ts) returns registrations as they are and registers the `valid` others; `late` lists the
   * accounts it could not register because the draw was already frozen (they join as after the opening).
   */
  async registerBatch(
    db: DbOrTx,
    eventId: string,
    requests: { userId: string; gradeId: string; quantity: number; valid: boolean }[],
    now: Date,
  ) {
    const rows = rowsOf(
      await db.execute(sql`select outcome, user_id, grade_id, quantity, registered_at, ticket
        from queue_register(${eventId}, ${p(requests.map((r) => r.userId))}::text[],
          ${p(requests.map((r) => r.gradeId))}::text[], ${p(requests.map((r) => r.quantity))}::int[],
          ${p(requests.map((r) => r.valid))}::boolean[], ${now.toISOString()}::timestamptz)`),
    )
    const existing: EntryRow[] = []
    const created: EntryRow[] = []
    const late: string[] = []
    for (const r of rows) {
      if (r.outcome === 'late') late.push(String(r.user_id))
      else (r.outcome === 'existing' ? existing : created).push(toRegistration(eventId, r, false))
    }
    return { existing, created, late }
  },

  /** The account's entry: the active one, else its registration still waiting for the draw, else the latest it left. */
  /** Tickets asked for by these accounts in the event: their waiting or won entries and their registrations. */
  async heldBy(db: DbOrTx, eventId: string, userIds: string[]): Promise<number> {
    if (userIds.length === 0) return 0
    const users = sql.param(userIds)
    const result = await db.execute(sql`select
        (select coalesce(sum(quantity), 0) from queue_entries where event_id = ${eventId}
           and user_id = any(${users}::text[]) and status in ('waiting', 'succeeded'))
      + (select coalesce(sum(r.quantity), 0) from queue_registrations r where r.event_id = ${eventId}
           and r.user_id = any(${users}::text[]) and not r.withdrawn
           and not exists (select 1 from queue_entries e where e.event_id = r.event_id and e.user_id = r.user_id))
        as held`)
    return Number((result as unknown as { rows: { held: unknown }[] }).rows[0]?.held ?? 0)
  },
  async findMine(db: DbOrTx, eventId: string, userId: string): Promise<EntryRow | undefined> {
    const rows = rowsOf(
      // Each branch reads its own index, in turn; a later one runs only when the earlier found nothing.
      await db.execute(sql`(select 1 as k, ${ENTRY_COLUMNS}, null::boolean as withdrawn, null::timestamptz as registered_at,
          null::text as ticket from queue_entries
          where event_id = ${eventId} and user_id = ${userId} and active)
        union all
        (select 2, ${eventId}, null, r.user_id, r.grade_id, r.quantity, null, null, null, null, null, r.withdrawn,
          r.registered_at, r.ticket
          from queue_registrations r join queue_draws d on d.event_id = r.event_id and d.status <> 'drawn'
          where r.event_id = ${eventId} and r.user_id = ${userId})
        union all
        (select 3, ${ENTRY_COLUMNS}, null, null, null from queue_entries
          where event_id = ${eventId} and user_id = ${userId} and not active and status in ('left', 'lapsed')
          order by number desc limit 1)
        limit 1`),
    )
    const row = rows[0]
    if (!row) return undefined
    return Number(row.k) === 2 ? toRegistration(eventId, row) : toEntry(row)
  },

  /**
   * Leaves a registration, under a share lock on the draw (a freeze or draw in progress finishes first): before the
   * freeze it is gone; after, its ticket stays in the frozen list and its drawn entry is made as left. Returns the
   * draw's status as the leave found it ('drawn': nothing changed here, the account has a numbered entry now).
   */
  async leaveRegistration(tx: Tx, eventId: string, userId: string) {
    const [draw] = rowsOf(await tx.execute(sql`select status from queue_draws where event_id = ${eventId} for share`))
    const status = draw?.status as string | undefined
    if (status === 'open') {
      await tx.execute(sql`delete from queue_registrations where event_id = ${eventId} and user_id = ${userId}`)
    } else if (status === 'frozen') {
      await tx.execute(
        sql`update queue_registrations set withdrawn = true where event_id = ${eventId} and user_id = ${userId}`,
      )
    }
    return status
  },

  async entriesByNumber(db: DbOrTx, eventId: string, numbers: number[]) {
    const rows = rowsOf(
      await db.execute(sql`select ${ENTRY_COLUMNS} from queue_entries
        where event_id = ${eventId} and number = any(${p(numbers)}::int[])`),
    )
    return rows.map(toEntry)
  },

  /**
   * Leaves under a share lock on the progress row: a batch being processed holds that row, so a leave either lands
   * before the batch reads its entries or sees them processed. Returns the entry after the attempt.
   */
  async leave(tx: Tx, eventId: string, number: number) {
    await tx.execute(sql`select served_up_to from queue_progress where event_id = ${eventId} for share`)
    await tx.execute(sql`update queue_entries set status = 'left'
      where event_id = ${eventId} and number = ${number} and status = 'waiting'`)
    const [row] = rowsOf(
      await tx.execute(sql`select ${ENTRY_COLUMNS} from queue_entries
      where event_id = ${eventId} and number = ${number}`),
    )
    return toEntry(row!)
  },

  async progress(db: DbOrTx, eventId: string): Promise<Progress | undefined> {
    const [row] = rowsOf(
      await db.execute(sql`select c.last_number, p.served_up_to, p.processed_per_second
        from queue_counters c join queue_progress p on p.event_id = c.event_id where c.event_id = ${eventId}`),
    )
    if (!row) return undefined
    return {
      eventId,
      lastNumber: Number(row.last_number),
      servedUpTo: Number(row.served_up_to),
      processedPerSecond: Number(row.processed_per_second),
    }
  },

  /** Events with unprocessed entries whose lease is free, expired, or already ours. */
  async eventsWithWork(db: DbOrTx, owner: string) {
    const rows = rowsOf(
      await db.execute(sql`select p.event_id from queue_progress p join queue_counters c on c.event_id = p.event_id
        where p.served_up_to < c.last_number
          and (p.lease_owner is null or p.lease_owner = ${owner} or p.lease_until < now())`),
    )
    return rows.map((r) => String(r.event_id))
  },

  async acquireLease(db: DbOrTx, eventId: string, owner: string, leaseMs: number) {
    const rows = rowsOf(
      await db.execute(sql`update queue_progress set lease_owner = ${owner},
          lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
        where event_id = ${eventId} and (lease_owner is null or lease_owner = ${owner} or lease_until < now())
        returning served_up_to`),
    )
    return rows.length > 0
  },

  /** Renews the lease and locks the progress row for this batch; undefined when another processor owns it. */
  async renewLease(tx: Tx, eventId: string, owner: string, leaseMs: number) {
    const [row] = rowsOf(
      await tx.execute(sql`update queue_progress set lease_until = now() + ${leaseMs}::int * interval '1 millisecond'
        where event_id = ${eventId} and lease_owner = ${owner} returning served_up_to`),
    )
    return row ? Number(row.served_up_to) : undefined
  },

  async releaseLeases(db: DbOrTx, owner: string) {
    await db.execute(sql`update queue_progress set lease_owner = null, lease_until = null where lease_owner = ${owner}`)
  },

  /** The next numbers after `after`; numbers are dense, so a bounded range (not LIMIT) keeps the plan to the batch. */
  async nextEntries(tx: Tx, eventId: string, after: number, limit: number) {
    const rows = rowsOf(
      await tx.execute(sql`select ${ENTRY_COLUMNS} from queue_entries
        where event_id = ${eventId} and number > ${after} and number <= ${after + limit}
        order by number`),
    )
    return rows.map(toEntry)
  },

  /** Writes every decided entry's result in one statement; returns how many waiting entries it changed. */
  async recordResults(
    tx: Tx,
    eventId: string,
    results: { number: number; status: 'succeeded' | 'failed'; bookingId: string | null; reason: string | null }[],
    now: Date,
  ) {
    if (results.length === 0) return 0
    // The range keeps the plan to the batch's slice of the primary key instead of every entry of the event.
    const first = Math.min(...results.map((r) => r.number))
    const last = Math.max(...results.map((r) => r.number))
    const rows = rowsOf(
      await tx.execute(sql`update queue_entries e set status = v.status, booking_id = v.booking_id,
          reason = v.reason, processed_at = ${now.toISOString()}::timestamptz
        from unnest(${p(results.map((r) => r.number))}::int[], ${p(results.map((r) => r.status))}::text[],
                    ${p(results.map((r) => r.bookingId))}::text[], ${p(results.map((r) => r.reason))}::text[])
          as v(number, status, booking_id, reason)
        where e.event_id = ${eventId} and e.number = v.number and e.status = 'waiting'
          and e.number between ${first} and ${last}
        returning e.number`),
    )
    return rows.length
  },

  async advance(tx: Tx, eventId: string, servedUpTo: number, processedPerSecond: number) {
    await tx.execute(sql`update queue_progress set served_up_to = ${servedUpTo},
        processed_per_second = ${processedPerSecond}, updated_at = now()
      where event_id = ${eventId}`)
  },
}
