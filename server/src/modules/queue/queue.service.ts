// The queue story for one fan: join (group-committed), see my place, leave; and the event's public progress.
import type { Db, DbOrTx } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { Principal } from '../../kernel/principal.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import { eventNotFound } from '../catalog/index.ts'
import type { EntryChallenges } from './queue.challenge.ts'
import type { Draws } from './queue.draws.ts'
import { alreadyProcessed, entryNotFound, noChallenge, personLimitReached } from './queue.errors.ts'
import { createJoiner, type JoinerOptions, type SaleTermsOf } from './queue.joiner.ts'
import type { QueueMetrics } from './queue.metrics.ts'
import { toEntryView } from './queue.progress.ts'
import { type Progress, queueRepository as repo } from './queue.repository.ts'
import type { QueueEntryView } from './queue.schemas.ts'

export interface QueueDeps {
  db: Db
  clock: Clock
  rateLimit: RateLimiter
  /** The catalog's sale terms of an event, to answer a join at once. */
  saleTerms: SaleTermsOf
  joiner?: JoinerOptions
  metrics?: QueueMetrics
  /** Proof-of-work for events that ask it. */
  challenges: EntryChallenges
  /** The opening draws of events with a pre-queue. */
  draws: Draws
  closedAccountsOf: (db: DbOrTx, userId: string) => Promise<string[]>
}

/** Per account, generous for retries; per address, high enough for a venue's shared Wi-Fi. */
const JOIN_RULES = {
  account: { limit: 20, windowMs: 10_000 },
  address: { limit: 600, windowMs: 60_000 },
}
/** A fan's page fetches one, and another when it lapses: a few a minute is plenty. */
const CHALLENGE_RULE = { limit: 10, windowMs: 60_000 }

const PROGRESS_MAX_AGE_MS = 200
const NO_PROGRESS = { servedUpTo: 0, lastNumber: 0, processedPerSecond: 0 }

export function createQueueService(deps: QueueDeps) {
  const { db, clock, rateLimit } = deps
  const joiner = createJoiner(db, clock, deps.saleTerms, {
    ...deps.joiner,
    metrics: deps.metrics,
    ensureDraw: deps.draws.ensure,
  })

  // A short-lived per-process cache, merged by maximum: progress only grows, so no reader ever sees it go back,
  // and a surge of joins does not add a progress read each.
  const cache = new Map<string, { progress: Progress; at: number }>()
  const remember = (p: Progress) => {
    const known = cache.get(p.eventId)?.progress
    const merged = known
      ? {
          ...p,
          servedUpTo: Math.max(p.servedUpTo, known.servedUpTo),
          lastNumber: Math.max(p.lastNumber, known.lastNumber),
        }
      : p
    cache.set(p.eventId, { progress: merged, at: Date.now() })
    return merged
  }
  const read = async (eventId: string) => remember((await repo.progress(db, eventId)) ?? { eventId, ...NO_PROGRESS })
  // Callers that accept an aged value share one read per event: when the cache goes stale under a surge, a whole
  // batch of answered joins asks at once (measured: ~35 reads per refresh without this). maxAgeMs 0 reads anew.
  const reading = new Map<string, Promise<Progress>>()
  const progressOf = async (eventId: string, maxAgeMs = PROGRESS_MAX_AGE_MS): Promise<Progress> => {
    const cached = cache.get(eventId)
    if (cached && Date.now() - cached.at <= maxAgeMs) return cached.progress
    if (maxAgeMs === 0) return read(eventId)
    let shared = reading.get(eventId)
    if (!shared) {
      shared = read(eventId).finally(() => reading.delete(eventId))
      reading.set(eventId, shared)
    }
    return shared
  }

  async function leave(principal: Principal, eventId: string): Promise<QueueEntryView> {
    const mine = await repo.findMine(db, eventId, principal.userId)
    if (!mine) throw entryNotFound()
    if (mine.status === 'left') return toEntryView(mine, await progressOf(eventId))
    if (mine.status === 'registered') {
      const found = await db.transaction((tx) => repo.leaveRegistration(tx, eventId, principal.userId))
      // Drawn meanwhile: the account has a numbered entry now, which leaves as any other.
      if (found === 'drawn') return leave(principal, eventId)
      return toEntryView({ ...mine, status: 'left' }, await progressOf(eventId))
    }
    if (mine.status !== 'waiting' || mine.number === null) throw alreadyProcessed()
    const number = mine.number
    const after = await db.transaction((tx) => repo.leave(tx, eventId, number))
    if (after.status !== 'left') throw alreadyProcessed()
    return toEntryView(after, await progressOf(eventId))
  }

  return {
    progressOf,
    remember,
    drain: joiner.drain,

    async join(
      principal: Principal,
      eventId: string,
      body: { gradeId: string; quantity: number; proof?: string | undefined; rejoin?: boolean | undefined },
      ip: string,
    ) {
      await rateLimit('queue.join', principal.userId, JOIN_RULES.account)
      await rateLimit('queue.join.ip', ip, JOIN_RULES.address)
      const { gradeId, quantity } = body
      const terms = await joiner.termsOf(eventId)
      // An event that counts per person counts the places of accounts this person closed before; the token says
      // when there are any, so other joins read nothing more.
      if (terms?.requireIdentity && principal.closedAccounts) {
        const held = await repo.heldBy(db, eventId, await deps.closedAccountsOf(db, principal.userId))
        if (held + quantity > terms.perUserLimit) throw personLimitReached(held, terms.perUserLimit)
      }
      // Checked before the join and spent after it: a proof sent too early stays good for the opening.
      const proof = terms?.entryChallenge
        ? await deps.challenges.check(principal.userId, eventId, body.proof)
        : undefined
      const joined = await joiner.join({
        eventId,
        userId: principal.userId,
        gradeId,
        quantity,
        birthYear: principal.birthYear ?? null,
        rejoin: body.rejoin === true,
      })
      await proof?.spend()
      return { created: joined.created, entry: toEntryView(joined.entry, await progressOf(eventId)) }
    },

    /** When an event's opening draw is (its saleOpensAt), for streams held until then. */
    async drawAt(eventId: string) {
      return (await joiner.termsOf(eventId))?.saleOpensAt ?? null
    },

    /** A proof-of-work challenge for this account and event, when the event asks one. */
    async challenge(principal: Principal, eventId: string) {
      await rateLimit('queue.challenge', principal.userId, CHALLENGE_RULE)
      const terms = await joiner.termsOf(eventId)
      if (!terms) throw eventNotFound()
      if (!terms.entryChallenge) throw noChallenge()
      return deps.challenges.issue(principal.userId, eventId, terms.entryChallenge.cost)
    },

    async me(principal: Principal, eventId: string) {
      const entry = await repo.findMine(db, eventId, principal.userId)
      if (!entry) throw entryNotFound()
      return toEntryView(entry, await progressOf(eventId))
    },

    leave,

    async stats(eventId: string) {
      const p = await progressOf(eventId)
      if (p.lastNumber === 0 && !(await deps.saleTerms(eventId))) throw eventNotFound()
      return {
        waiting: Math.max(0, p.lastNumber - p.servedUpTo),
        servedUpTo: p.servedUpTo,
        lastNumber: p.lastNumber,
        processedPerSecond: Math.round(p.processedPerSecond * 10) / 10,
      }
    },
  }
}

export type QueueService = ReturnType<typeof createQueueService>
