// composeApp(config): adapters (chosen here, once, from the config) → modules, wired through the ports each one
// asks for → one Fastify instance per process, mounting the roles asked for. It never listens; main.ts and the
// tests decide where it runs.

import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import type { Logger } from 'pino'
import { drandBeacon } from './adapters/beacon/drand.ts'
import type { BlobStore } from './adapters/blob-store/blob-store.ts'
import { createLocalDiskBlobStore } from './adapters/blob-store/local-disk.ts'
import { lockDataDir } from './adapters/db/data-dir-lock.ts'
import type { Database } from './adapters/db/database.ts'
import { openPglite } from './adapters/db/pglite.ts'
import { openPostgres } from './adapters/db/postgres.ts'
import type { HotPath } from './adapters/hot-path/hot-path.ts'
import { createInProcessHotPath } from './adapters/hot-path/in-process.ts'
import { openRedisHotPath } from './adapters/hot-path/redis.ts'
import { createPortOneIdentityProvider } from './adapters/identity-provider/portone.ts'
import type { IdentityProvider } from './adapters/identity-provider/provider.ts'
import { createTestIdentityProvider, type TestIdentityProvider } from './adapters/identity-provider/test.ts'
import type { PaymentGateway } from './adapters/payment-gateway/gateway.ts'
import { createPortOneGateway } from './adapters/payment-gateway/portone.ts'
import { createTestGateway, type TestGateway } from './adapters/payment-gateway/test.ts'
import type { Config } from './config.ts'
import { createMetricsRegistry } from './http/metrics.ts'
import { createHttpServer } from './http/server.ts'
import { type Clock, systemClock } from './kernel/clock.ts'
import { type IdGenerator, newId } from './kernel/ids.ts'
import type { Job } from './kernel/jobs.ts'
import { createRateLimiter } from './kernel/rate-limit.ts'
import { createLogger } from './logging.ts'
import { createAuth, OWASP_ARGON2ID } from './modules/auth/index.ts'
import { createBooking } from './modules/booking/index.ts'
import { createCatalog } from './modules/catalog/index.ts'
import { createIdentity, identityPorts } from './modules/identity/index.ts'
import { createMedia, mediaUrl } from './modules/media/index.ts'
import { createOutbox, type Outbox } from './modules/outbox/index.ts'
import { createPayment } from './modules/payment/index.ts'
import { createQueue } from './modules/queue/index.ts'
import { mountApi, mountHealth } from './roles/api.ts'
import { mountGateway } from './roles/gateway.ts'
import { mountEdgeLimits, mountGatewayProxy } from './roles/gateway-proxy.ts'
import { startWorker } from './roles/worker.ts'
import { type DemoLogin, seedDemoAccounts } from './seed/demo.ts'
import { seedDemoCatalog } from './seed/demo-catalog.ts'

/** What tests (or embedders) may supply instead of what the config would build. */
export interface Overrides {
  database?: Database
  clock?: Clock
  newId?: IdGenerator
  logger?: Logger
  hashing?: typeof OWASP_ARGON2ID
  /** Where uploaded media go; DATA_DIR/media on local disk by default. */
  blobs?: BlobStore
  /** Instead of the one PAYMENT_PROVIDER names (e.g. PortOne against a local double). */
  paymentGateway?: PaymentGateway
  identityProvider?: IdentityProvider
}

export interface App {
  http: FastifyInstance
  database: Database
  hotPath: HotPath
  /** Starts the worker role's jobs (when this process runs it). */
  start(): Promise<void>
  /** Stops accepting, lets in-flight work finish, closes storage. */
  close(): Promise<void>
  demoLogins: DemoLogin[]
  /** Domain events; tests dispatch it by hand. */
  outbox: Outbox
  /** The worker role's jobs; tests run them by hand. */
  jobs: readonly Job[]
}

/** The database the config names: PostgreSQL, or the embedded one under DATA_DIR (locked to this process). */
export async function openDatabase(config: Config): Promise<{ database: Database; unlock: () => void }> {
  if (config.databaseUrl)
    return { database: await openPostgres(config.databaseUrl, { poolSize: config.databasePoolSize }), unlock: () => {} }
  const unlock = lockDataDir(config.dataDir)
  try {
    return { database: await openPglite(join(config.dataDir, 'pg')), unlock }
  } catch (error) {
    unlock()
    throw error
  }
}

/** The payment provider PAYMENT_PROVIDER names; the built-in test one also serves its checkout routes. */
function choosePaymentGateway(
  config: Config,
  deps: { database: Database; clock: Clock; newId: IdGenerator },
  override?: PaymentGateway,
): { gateway: PaymentGateway; testCheckout?: TestGateway } {
  if (override) return { gateway: override }
  if (config.paymentProvider === 'portone' && config.portone)
    return { gateway: createPortOneGateway({ ...config.portone, acceptSandbox: config.development }) }
  const test = createTestGateway({ db: deps.database.db, ...deps })
  return { gateway: test, testCheckout: test }
}

/** The identity provider IDENTITY_PROVIDER names; the built-in test one also serves its window routes. */
function chooseIdentityProvider(
  config: Config,
  deps: { database: Database; clock: Clock; newId: IdGenerator },
  override?: IdentityProvider,
): { provider: IdentityProvider; testProvider?: TestIdentityProvider } {
  if (override) return { provider: override }
  if (config.identityProvider === 'portone' && config.portone && config.portoneCertification)
    return {
      provider: createPortOneIdentityProvider({
        ...config.portone,
        channelKey: config.portoneCertification.channelKey,
        pg: config.portoneCertification.pg,
      }),
    }
  const test = createTestIdentityProvider({ db: deps.database.db, ...deps })
  return { provider: test, testProvider: test }
}

export async function composeApp(config: Config, overrides: Overrides = {}): Promise<App> {
  const logger = overrides.logger ?? (await createLogger(config))
  for (const warning of config.warnings) logger.warn(warning)
  const clock = overrides.clock ?? systemClock
  const ids = overrides.newId ?? newId

  const { database, unlock } = overrides.database
    ? { database: overrides.database, unlock: () => {} }
    : await openDatabase(config)
  const hotPath = config.redisUrl
    ? await openRedisHotPath({
        url: config.redisUrl,
        clock,
        onStateChange: (state, err) =>
          state === 'lost' ? logger.warn({ err }, 'redis lost: degraded') : logger.info('redis back'),
      })
    : createInProcessHotPath(clock)
  const blobs = overrides.blobs ?? createLocalDiskBlobStore(join(config.dataDir, 'media'))
  const payments = choosePaymentGateway(config, { database, clock, newId: ids }, overrides.paymentGateway)
  const rateLimit = createRateLimiter(hotPath, config.rateLimits)
  const identityProvider = chooseIdentityProvider(config, { database, clock, newId: ids }, overrides.identityProvider)

  const auth = await createAuth({
    db: database.db,
    clock,
    newId: ids,
    rateLimit,
    hotPath,
    throttleLogins: config.rateLimits,
    hashing: overrides.hashing ?? OWASP_ARGON2ID,
    identity: identityPorts,
    onError: (err) => logger.warn({ err }, 'session endings could not be read or announced'),
    ...(config.jwtSecret ? { jwtSecret: config.jwtSecret } : {}),
  })
  const identity = createIdentity({
    db: database.db,
    clock,
    newId: ids,
    ...identityProvider,
    verifyAccessToken: auth.verifyAccessToken,
    rateLimit,
    personKey: config.identityKey ?? (await auth.namedSecret('identity.person')),
    onError: (err) => logger.warn({ err }, 'the identity provider could not forget a verification'),
  })
  const media = createMedia({
    blobs,
    verifyAccessToken: auth.verifyAccessToken,
    rateLimit,
    maxUploadBytes: config.uploadMaxBytes,
  })
  const catalog = createCatalog({
    db: database.db,
    clock,
    newId: ids,
    verifyAccessToken: auth.verifyAccessToken,
    posterExists: media.service.exists,
    posterUrl: mediaUrl,
    onSyncError: (err) => logger.warn({ err }, 'search index sync failed'),
  })
  // Every module reports on one registry, served at /metrics; it exists before the modules that count.
  const metrics = createMetricsRegistry()
  const outbox = createOutbox({ db: database.db, clock, newId: ids, logger, metrics })
  const booking = createBooking({
    db: database.db,
    clock,
    newId: ids,
    outbox,
    inventory: catalog.inventory,
    metrics,
    gate: {
      secret: await auth.namedSecret('gate.pass'),
      holderName: async (userId) => (await auth.service.me({ userId, role: 'user' }).catch(() => undefined))?.name,
    },
  })
  const payment = createPayment({
    db: database.db,
    clock,
    newId: ids,
    logger,
    outbox,
    ...payments,
    verifyAccessToken: auth.verifyAccessToken,
    metrics,
    bookings: booking.payments,
    events: catalog.events,
    rateLimit,
    buyerOf: async (userId) => {
      const user = await auth.service.me({ userId, role: 'user' }).catch(() => undefined)
      return user && { name: user.name, email: user.email }
    },
  })
  const queue = createQueue({
    db: database.db,
    clock,
    hotPath,
    rateLimit,
    saleTerms: catalog.events.saleTerms,
    book: booking.bookBatch,
    verifyAccessToken: auth.verifyAccessToken,
    challengeSecrets: {
      secret: await auth.namedSecret('queue.challenge'),
      keySecret: await auth.namedSecret('queue.challenge-key'),
    },
    beacon: config.drandUrl ? drandBeacon(config.drandUrl) : null,
    closedAccountsOf: identityPorts.closedAccountsOf,
    outbox,
    metrics,
    // The embedded database runs on this thread: a big batch would hold up the joins, so it takes smaller ones
    // (docs/BENCHMARKS.md, "Figures behind the code").
    ...(database.kind === 'pglite' ? { worker: { pollMs: 50 } } : {}),
    onError: (err, context) => logger.error({ err, context }, 'queue failure'),
  })
  const demoLogins = config.seedDemo ? await seedDemoAccounts(database.db, auth.service, config.dataDir) : []
  if (config.admin) await auth.service.ensureAdmin(config.admin.email, config.admin.password)
  if (config.seedDemo) await seedDemoCatalog({ db: database.db, catalog, media: media.service, clock, logger })

  const http = await createHttpServer({
    logger,
    metrics,
    trustProxy: config.trustProxy,
    opsAllowFrom: config.opsAllowFrom,
    paymentSdkUrl: config.portone?.sdkUrl,
  })
  const ready = async () => {
    await database.ping()
    await hotPath.ping()
  }
  mountHealth(http, ready, config.warnings)
  const roles = new Set(config.roles)
  // A gateway with API_UPSTREAMS proxies /api/* to them; without, it serves the API in-process.
  const proxied = roles.has('gateway') && !roles.has('api') && config.apiUpstreams.length > 0
  if (roles.has('api') || (roles.has('gateway') && !proxied)) {
    // Facing clients itself (no separate gateway in front): the gateway's edge limits apply here.
    if (roles.has('gateway'))
      mountEdgeLimits(http, { rateLimit, verifyAccessToken: auth.verifyAccessToken, enabled: config.rateLimits })
    await catalog.start()
    await mountApi(http, {
      routes: [
        auth.routes,
        ...identity.routes,
        catalog.routes,
        media.routes,
        booking.routes({ verifyAccessToken: auth.verifyAccessToken, cancelPaid: payment.cancelPaid }),
        queue.routes,
        ...payment.routes,
      ],
      ready,
    })
    await queue.start()
  }
  if (proxied) {
    const { apiUpstreams, queueUpstreams } = config
    await mountGatewayProxy(http, {
      apiUpstreams,
      queueUpstreams,
      verifyAccessToken: auth.verifyAccessToken,
      rateLimit,
      metrics,
    })
  }
  if (roles.has('gateway')) await mountGateway(http)

  const jobs: Job[] = [...queue.jobs, outbox.job, outbox.pruneJob, ...booking.jobs, ...payment.jobs]
  let worker: ReturnType<typeof startWorker> | undefined
  let closed = false
  return {
    http,
    database,
    hotPath,
    demoLogins,
    outbox,
    jobs,
    async start() {
      if (roles.has('worker') && !worker) worker = startWorker(jobs, logger)
    },
    async close() {
      if (closed) return
      closed = true
      await queue.beforeClose()
      await http.close()
      await catalog.stop()
      await worker?.stop()
      await queue.releaseLeases().catch(() => {})
      await auth.stop()
      await hotPath.close()
      await database.close()
      unlock()
    },
  }
}
