// Group commit for joins: requests that arrive together are numbered and inserted in one atomic statement per event,
// and each is answered only after it commits, so an acknowledged join survives a crash of any process.
import { performance } from 'node:perf_hooks'
import type { Db } from '../../adapters/db/database.ts'
import type { AppError } from '../../kernel/app-error.ts'
import type { Clock } from '../../kernel/clock.ts'
import { eventNotFound } from '../catalog/index.ts'
import {
  ageRestricted,
  barredAfterLapses,
  closed,
  identityRequired,
  notOpen,
  overLimit,
  unknownGrade,
} from './queue.errors.ts'

const SEOUL_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Seoul', year: 'numeric' })

import type { QueueMetrics } from './queue.metrics.ts'
import { type EntryRow, queueRepository as repo } from './queue.repository.ts'

export interface JoinRequest {
  eventId: string
  userId: string
  gradeId: string
  quantity: number
  /** The verified person's birth year, from the access token; null for an account that is not one. */
  birthYear: number | null
  /** Join again at the back when this account's entry failed (an explicit ask: a plain retry stays idempotent). */
  rejoin?: boolean
}

export interface Joined {
  entry: EntryRow
  /** false when the account already had this entry (the API answers 200 instead of 202). */
  created: boolean
}

interface Pending extends JoinRequest {
  resolve(joined: Joined): void
  reject(error: unknown): void
}

/** What a join is checked against: the event's sale window, grades, limit and entry rules (the catalog's). */
export interface SaleTerms {
  startsAt: Date
  requireIdentity: boolean
  minAge: number | null
  entryChallenge: { cost: number } | null
  /** Joins from then until saleOpensAt are registered for the opening draw; null for none. */
  preQueueOpensAt: Date | null
  saleOpensAt: Date
  saleClosesAt: Date
  perUserLimit: number
  grades: { id: string }[]
}
export type SaleTermsOf = (eventId: string) => Promise<SaleTerms | null>

export interface JoinerOptions {
  /**
   * How long the first request of a batch waits for company. 0 (the default) waits only for the end of the current
   * event-loop turn: under load a batch is then whatever arrived while the previous commit was in flight, and an
   * idle server commits a lone join at once (a longer wait bought nothing: docs/BENCHMARKS.md, "Figures behind the code").
   */
  maxWaitMs?: number
  maxBatch?: number
  /** How long an event's sale terms are reused for checking joins. */
  termsTtlMs?: number
  metrics?: QueueMetrics
  /** Makes the event's draw (and its secret) before its first registration. */
  ensureDraw?: (eventId: string) => Promise<void>
}

/** Whether a join at `now` is a pre-queue registration for the opening draw. */
export const inPreQueue = (terms: SaleTerms, now: Date) =>
  terms.preQueueOpensAt !== null && now >= terms.preQueueOpensAt && now < terms.saleOpensAt

/** Why a new entry may not be made now; checked only for accounts without an active entry. */
export function joinProblem(terms: SaleTerms, request: JoinRequest, now: Date): AppError | undefined {
  if (!terms.grades.some((g) => g.id === request.gradeId)) return unknownGrade()
  if (request.quantity > terms.perUserLimit) return overLimit(terms.perUserLimit)
  if (now < terms.saleOpensAt && !inPreQueue(terms, now)) return notOpen()
  if (now >= terms.saleClosesAt) return closed()
  if (terms.requireIdentity && request.birthYear === null) return identityRequired()
  // 연 나이: the age one turns in the event's year, as the Youth Protection Act counts (Asia/Seoul).
  if (terms.minAge !== null && Number(SEOUL_YEAR.format(terms.startsAt)) - (request.birthYear ?? 0) < terms.minAge)
    return ageRestricted(terms.minAge)
  return undefined
}

export function createJoiner(db: Db, clock: Clock, saleTerms: SaleTermsOf, options: JoinerOptions = {}) {
  const maxWaitMs = options.maxWaitMs ?? 0
  const maxBatch = options.maxBatch ?? 2000
  const pending: Pending[] = []
  let cancelScheduled: (() => void) | undefined
  let flushing: Promise<void> | undefined
  // Terms are only for answering early: the worker checks window, grade and limit again against the database, so
  // an organizer's change reaches joins within a second and never lets a wrong booking through.
  const termsTtlMs = options.termsTtlMs ?? 1000
  const terms = new Map<string, { at: number; terms: SaleTerms }>()
  async function termsOf(eventId: string) {
    const known = terms.get(eventId)
    if (known && Date.now() - known.at < termsTtlMs) return known.terms
    const fresh = await saleTerms(eventId)
    if (terms.size > 10_000) terms.clear()
    if (fresh) terms.set(eventId, { at: Date.now(), terms: fresh })
    return fresh
  }

  function schedule() {
    if (flushing || cancelScheduled || pending.length === 0) return
    if (pending.length >= maxBatch) void flush()
    else if (maxWaitMs > 0) {
      const timer = setTimeout(() => void flush(), maxWaitMs)
      cancelScheduled = () => clearTimeout(timer)
    } else {
      const immediate = setImmediate(() => void flush())
      cancelScheduled = () => clearImmediate(immediate)
    }
  }

  async function flush() {
    cancelScheduled?.()
    cancelScheduled = undefined
    const batch = pending.splice(0, maxBatch)
    if (batch.length === 0) return
    flushing = commit(batch)
    await flushing
    flushing = undefined
    // Whoever arrived during that commit has waited long enough: commit them together now.
    if (pending.length > 0) void flush()
  }

  async function commit(batch: Pending[]) {
    const byEvent = new Map<string, Pending[]>()
    for (const r of batch) {
      const requests = byEvent.get(r.eventId)
      if (requests) requests.push(r)
      else byEvent.set(r.eventId, [r])
    }
    // Each event's batch is one atomic statement; a failure answers only that event's requests.
    await Promise.all(
      [...byEvent].map(async ([eventId, requests]) => {
        try {
          for (const answer of await joinEvent(eventId, requests)) answer()
        } catch (error) {
          for (const r of requests) r.reject(error)
        }
      }),
    )
  }

  async function joinEvent(eventId: string, requests: Pending[]) {
    const sale = await termsOf(eventId)
    if (!sale) return requests.map((r) => () => r.reject(eventNotFound()))
    const now = clock.now()
    // The first request of each account stands for all of its requests in this batch.
    const firsts = new Map<string, Pending>()
    for (const r of requests) if (!firsts.has(r.userId)) firsts.set(r.userId, r)
    const problems = new Map([...firsts.values()].map((r) => [r.userId, joinProblem(sale, r, now)]))
    const asked = [...firsts.values()].map((r) => ({
      userId: r.userId,
      gradeId: r.gradeId,
      quantity: r.quantity,
      valid: !problems.get(r.userId),
      rejoin: r.rejoin === true,
    }))
    const started = performance.now()
    const {
      existing,
      created,
      barred = [],
    } = inPreQueue(sale, now) ? await register(eventId, asked, now) : await repo.joinBatch(db, eventId, asked, now)
    options.metrics?.joinBatch.observe(firsts.size)
    options.metrics?.joinCommit.observe((performance.now() - started) / 1000)
    const barredNow = new Set(barred)
    const had = new Map(existing.map((e) => [e.userId, e]))
    const made = new Map(created.map((e) => [e.userId, e]))
    const answers: (() => void)[] = []
    for (const r of requests) {
      const old = had.get(r.userId)
      const fresh = made.get(r.userId)
      if (old) answers.push(() => r.resolve({ entry: old, created: false }))
      else if (fresh) answers.push(() => r.resolve({ entry: fresh, created: firsts.get(r.userId) === r }))
      else if (barredNow.has(r.userId)) answers.push(() => r.reject(barredAfterLapses()))
      else answers.push(() => r.reject(problems.get(r.userId) ?? new Error('join neither stored nor refused')))
    }
    return answers
  }

  /** Registers a pre-queue batch; accounts too late for it (the draw froze meanwhile) join as after the opening. */
  async function register(eventId: string, asked: Parameters<typeof repo.joinBatch>[2], now: Date) {
    await options.ensureDraw?.(eventId)
    const registered = await repo.registerBatch(db, eventId, asked, now)
    if (registered.late.length === 0) return { ...registered, barred: [] }
    const late = new Set(registered.late)
    const joined = await repo.joinBatch(
      db,
      eventId,
      asked.filter((a) => late.has(a.userId)),
      now,
    )
    return {
      existing: [...registered.existing, ...joined.existing],
      created: [...registered.created, ...joined.created],
      barred: joined.barred,
    }
  }

  return {
    /** The event's terms, as joins see them (cached for `termsTtlMs`); null when there is no such event. */
    termsOf,
    join(request: JoinRequest) {
      return new Promise<Joined>((resolve, reject) => {
        // Written out, not spread: spreading the request (itself built from a parsed body) showed in a join's profile.
        const { eventId, userId, gradeId, quantity, birthYear, rejoin } = request
        pending.push({ eventId, userId, gradeId, quantity, birthYear, rejoin, resolve, reject })
        schedule()
      })
    },
    /** Commits what is already waiting; new joins after this are still accepted until the HTTP server stops. */
    async drain() {
      while (flushing || pending.length > 0) {
        if (flushing) await flushing
        else await flush()
      }
    },
  }
}
