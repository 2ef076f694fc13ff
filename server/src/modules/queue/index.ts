// The queue module's public surface: the routes, the booking worker's and the opening draw's jobs, the live stream
// hub and the door's proof-of-work. It asks the catalog for an event's sale terms (entry rules included) and the booking module to
// book each batch; both are ports given in app.ts.

import { randomBytes } from 'node:crypto'
import type { Registry } from 'prom-client'
import type { Beacon } from '../../adapters/beacon/drand.ts'
import type { Db, DbOrTx } from '../../adapters/db/database.ts'
import type { HotPath } from '../../adapters/hot-path/hot-path.ts'
import type { Clock } from '../../kernel/clock.ts'
import { BOOKING_RELEASED, type BookingReleased } from '../../kernel/domain-events.ts'
import type { AccessTokenVerifier } from '../../kernel/principal.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import type { Outbox } from '../outbox/index.ts'
import { createEntryChallenges } from './queue.challenge.ts'
import { createDraws } from './queue.draws.ts'
import type { JoinerOptions, SaleTermsOf } from './queue.joiner.ts'
import { createQueueMetrics } from './queue.metrics.ts'
import { queueRepository } from './queue.repository.ts'
import { queueRoutes } from './queue.routes.ts'
import { createQueueService } from './queue.service.ts'
import { createQueueStreams } from './queue.stream.ts'
import { createQueueWorker, type WorkerDeps } from './queue.worker.ts'

export { queueDrawFreeze, queueJoin, queueRegister } from './queue.functions.ts'
export type { QueueEntryView } from './queue.schemas.ts'

export interface QueueModuleDeps {
  db: Db
  clock: Clock
  hotPath: HotPath
  rateLimit: RateLimiter
  /** The catalog's sale terms of an event (joins are answered against them). */
  saleTerms: SaleTermsOf
  /** The booking module books each batch of entries. */
  book: WorkerDeps['book']
  verifyAccessToken: AccessTokenVerifier
  /** Signing keys of proof-of-work challenges, the same in every process. */
  challengeSecrets: { secret: string; keySecret: string }
  /** The public beacon opening draws take their randomness from; null: their revealed secret alone. */
  beacon: Beacon | null
  /** The identity module's: the accounts a verified person closed before (their places count for the person). */
  closedAccountsOf: (db: DbOrTx, userId: string) => Promise<string[]>
  /** Where the booking module says a hold lapsed (BOOKING_RELEASED, expired). */
  outbox: Outbox
  joiner?: JoinerOptions
  worker?: { batchSize?: number; leaseMs?: number; pollMs?: number }
  /** Where the queue's metrics go (GET /metrics); none in tests that do not look. */
  metrics?: Registry
  onError?: (error: unknown, context: string) => void
}

export function createQueue(deps: QueueModuleDeps) {
  const metrics = createQueueMetrics(deps.metrics)
  const challenges = createEntryChallenges({ ...deps.challengeSecrets, clock: deps.clock, hotPath: deps.hotPath })
  const draws = createDraws({
    db: deps.db,
    clock: deps.clock,
    saleTerms: deps.saleTerms,
    beacon: deps.beacon,
    onError: (error, eventId) => deps.onError?.(error, `queue.draw ${eventId}`),
  })
  const service = createQueueService({ ...deps, metrics, challenges, draws })
  // A hold that lapsed unpaid frees its account to join again, at the back; twice for one event bars it
  // (LAPSED_HOLDS_BAR, queue_join). A deferred consumer: the expiry is committed; this follows, retried until done.
  deps.outbox.on<BookingReleased>(BOOKING_RELEASED, 'queue.hold-lapsed', async (event, tx) => {
    if (event.payload.status === 'expired')
      await queueRepository.holdLapsed(tx, event.payload.eventId, event.payload.bookingId)
  })
  const streams = createQueueStreams({
    hotPath: deps.hotPath,
    progressOf: service.progressOf,
    entriesByNumber: (eventId, numbers) => queueRepository.entriesByNumber(deps.db, eventId, numbers),
    now: () => deps.clock.now().getTime(),
    onError: (error) => deps.onError?.(error, 'queue.stream'),
  })
  const worker = createQueueWorker({
    ...deps,
    ...deps.worker,
    metrics,
    owner: `worker-${randomBytes(6).toString('hex')}`,
    onError: (error, eventId) => deps.onError?.(error, `queue.process ${eventId}`),
  })
  return {
    service,
    routes: queueRoutes(service, streams, draws, deps.verifyAccessToken),
    jobs: [worker.job, draws.job],
    draws,
    start: () => streams.start(),
    /** Before the HTTP server closes: end the streams and commit joins already accepted. */
    async beforeClose() {
      await streams.close()
      await service.drain()
    },
    /** After the worker stopped: hand this process's events to other workers at once. */
    releaseLeases: worker.releaseLeases,
  }
}
