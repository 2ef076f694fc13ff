// The gateway's proxy to separate API pools (API_UPSTREAMS, QUEUE_UPSTREAMS). It turns away what it can at the
// edge — a bad token, a caller over its rate — so a surge of bad traffic never reaches the API processes, and it
// keeps queue and booking traffic in a pool of its own so that a sale-opening surge does not slow the catalog.
import { Readable } from 'node:stream'
import replyFrom from '@fastify/reply-from'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Counter, Gauge, type Registry } from 'prom-client'
import { type AccessTokenVerifier, authenticate, bearerToken, type Principal } from '../http/auth-guard.ts'
import { queryToken } from '../http/request-target.ts'
import { tokenMissing } from '../kernel/app-error.ts'
import type { RateLimiter, RateRule } from '../kernel/rate-limit.ts'
import { upstreamTimeout, upstreamUnavailable } from './gateway.errors.ts'
import { createUpstreamPool, type PoolOptions, type UpstreamPool } from './gateway-upstreams.ts'

export interface GatewayProxyOptions {
  apiUpstreams: string[]
  queueUpstreams: string[]
  verifyAccessToken: AccessTokenVerifier
  rateLimit: RateLimiter
  limits?: { perIp: RateRule; perAccount: RateRule }
  pool?: PoolOptions
  /** For a response head; a stream's body may take as long as it likes. */
  timeoutMs?: number
  /** Where upstream health and failures are counted (the process's /metrics). */
  metrics?: Registry
}

interface ForwardContext {
  timeoutMs: number
  failures: Counter<'pool' | 'reason'>
}

// Generous: many fans share one address behind mobile carriers' NAT. The API keeps its own tighter per-route limits.
export const GATEWAY_LIMITS = {
  perIp: { limit: 3_000, windowMs: 10_000 },
  perAccount: { limit: 300, windowMs: 10_000 },
}

const QUEUE_PATH = /^\/api\/(events\/[^/?]+\/queue|bookings)(?=[/?]|$)/
const STREAM_PATH = /^\/api\/events\/[^/?]+\/queue\/stream(?=[?]|$)/

/** Routes that need an account whatever the method; anything carrying a token has it checked too. */
const ACCOUNT_PATH = /^\/api\/(me|admin|bookings|events\/[^/?]+\/queue(\/me)?(?=[?]|$))(?=[/?]|$)/
const PAYMENTS_PATH = /^\/api\/payments(\/[^/?]+\/complete)?(?=[?]|$)/

// Failures where the upstream never saw the request: safe to send it to another one, whatever the method.
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'UND_ERR_CONNECT_TIMEOUT'])
// Failures mid-exchange: the upstream may have acted, so only a safe method goes elsewhere.
const BROKEN = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * The gateway's per-address and per-account limits for a process that serves the API itself (one process, or a
 * gateway without API_UPSTREAMS): the same budget on every /api request as the proxy gives, before any route runs.
 */
export function mountEdgeLimits(
  app: FastifyInstance,
  options: {
    rateLimit: RateLimiter
    verifyAccessToken: AccessTokenVerifier
    enabled: boolean
    limits?: typeof GATEWAY_LIMITS
  },
) {
  if (!options.enabled) return
  const limits = options.limits ?? GATEWAY_LIMITS
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return
    await options.rateLimit('gw-ip', request.ip, limits.perIp)
    const token = bearerToken(request)
    if (!token) return
    let userId: string
    try {
      userId = options.verifyAccessToken(token).userId
    } catch {
      return // the route answers a bad token itself
    }
    await options.rateLimit('gw-account', userId, limits.perAccount)
  })
}

export function needsAccount(method: string, path: string) {
  if (ACCOUNT_PATH.test(path)) return true
  if (PAYMENTS_PATH.test(path)) return method !== 'OPTIONS'
  return false
}

export async function mountGatewayProxy(app: FastifyInstance, options: GatewayProxyOptions) {
  const api = createUpstreamPool('api', options.apiUpstreams, options.pool)
  const sameUpstreams = options.queueUpstreams.join(',') === options.apiUpstreams.join(',')
  const queue = sameUpstreams ? api : createUpstreamPool('queue', options.queueUpstreams, options.pool)
  await Promise.all(sameUpstreams ? [api.start()] : [api.start(), queue.start()])
  app.addHook('onClose', async () => {
    api.stop()
    queue.stop()
  })
  const limits = options.limits ?? GATEWAY_LIMITS
  const registers = options.metrics ? [options.metrics] : []
  const context: ForwardContext = {
    timeoutMs: options.timeoutMs ?? 30_000,
    failures: new Counter({
      name: 'gateway_upstream_failures_total',
      help: 'Requests an upstream failed, by pool and reason (refused, reset, timeout, …)',
      labelNames: ['pool', 'reason'],
      registers,
    }),
  }
  new Gauge({
    name: 'gateway_upstreams_healthy',
    help: 'Upstream endpoints passing health checks and not ejected, by pool',
    labelNames: ['pool'],
    registers,
    collect() {
      const now = Date.now()
      for (const pool of new Set([api, queue]))
        this.set({ pool: pool.name }, pool.endpoints().filter((e) => e.healthy && e.ejectedUntil <= now).length)
    },
  })

  await app.register(async (scope) => {
    // Bodies pass through untouched; JSON is held as bytes (small, bounded by bodyLimit) so that it can be replayed
    // to another upstream, anything else (uploads) streams.
    scope.removeAllContentTypeParsers()
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload))
    await scope.register(replyFrom, {
      disableRequestLogging: true,
      contentTypesToEncode: [],
      destroyAgent: true,
      undici: {
        connections: 256,
        pipelining: 1,
        keepAliveTimeout: 30_000,
        headersTimeout: context.timeoutMs,
        bodyTimeout: 0,
      },
    })

    scope.addHook('onRequest', async (request) => {
      // The address's limit comes first, so that guessing tokens costs as much as anything else.
      await options.rateLimit('gw-ip', request.ip, limits.perIp)
      const hasToken = request.headers.authorization !== undefined
      if (hasToken || needsAccount(request.method, request.url)) authenticate(request, options.verifyAccessToken)
      else if (STREAM_PATH.test(request.url)) {
        // EventSource cannot set headers: the stream carries its token in the query string.
        const token = queryToken(request.url)
        if (token === undefined) throw tokenMissing()
        authenticate(request, options.verifyAccessToken, undefined, token)
      }
      const principal: Principal | undefined = request.principal
      if (principal) await options.rateLimit('gw-account', principal.userId, limits.perAccount)
    })

    scope.all('/api/*', { schema: { hide: true } }, (request, reply) => {
      forward(request, reply, QUEUE_PATH.test(request.url) ? queue : api, context)
    })
  })
}

function forward(
  request: FastifyRequest,
  reply: FastifyReply,
  pool: UpstreamPool,
  context: ForwardContext,
  tried?: string,
) {
  const endpoint = pool.pick(tried)
  if (!endpoint) return reply.send(upstreamUnavailable(`No ${pool.name} process is available`))
  const stream = STREAM_PATH.test(request.url) || (request.headers.accept ?? '').includes('text/event-stream')
  reply.from(`${endpoint.origin}${request.url}`, {
    // A stream stays open as long as the fan waits; everything else must answer within the timeout.
    ...(stream ? {} : { timeout: context.timeoutMs }),
    // JSON held as bytes goes out as it came (reply-from would re-encode anything it takes for JSON).
    ...(Buffer.isBuffer(request.body)
      ? { body: request.body, contentType: request.headers['content-type'] ?? 'application/json' }
      : {}),
    retryDelay: () => null,
    rewriteRequestHeaders: (_req, headers) => ({
      ...headers,
      // The caller's address as this gateway judged it (TRUST_PROXY decides whether a load balancer's header counts);
      // never a client's own X-Forwarded-For, which the API processes, trusting us, would otherwise believe.
      'x-forwarded-for': request.ip,
      'x-forwarded-proto': request.protocol,
      ...(request.headers.host ? { 'x-forwarded-host': request.headers.host } : {}),
      'x-request-id': request.id,
    }),
    onResponse: (_req, rep, res) => {
      // An upstream that is shutting down answers 503 to everything: stop sending it work.
      if (res.statusCode === 503) {
        pool.eject(endpoint.origin)
        context.failures.inc({ pool: pool.name, reason: 'upstream_503' })
      }
      rep.send(res.stream)
    },
    onError: (_rep, { error }) => {
      const code = causeCode(error)
      const notDelivered = NOT_DELIVERED.has(code)
      if (notDelivered || BROKEN.has(code)) pool.eject(endpoint.origin)
      context.failures.inc({ pool: pool.name, reason: code || 'other' })
      // A streamed body (an upload) was consumed by the first attempt and cannot be sent again.
      const replayable = notDelivered || (BROKEN.has(code) && SAFE_METHODS.has(request.method))
      if (replayable && !tried && !reply.sent && !(request.body instanceof Readable)) {
        forward(request, reply, pool, context, endpoint.origin)
        return
      }
      const timedOut = (error as { statusCode?: number }).statusCode === 504
      request.log.warn({ err: error, upstream: endpoint.origin, code }, 'upstream failed')
      reply.send(timedOut ? upstreamTimeout() : upstreamUnavailable('The service did not answer; try again'))
    },
  })
}

function causeCode(error: unknown): string {
  let e = error as { code?: string; cause?: unknown } | undefined
  for (let depth = 0; e && depth < 4; depth++) {
    if (e.code && !e.code.startsWith('FST_')) return e.code
    e = e.cause as typeof e
  }
  return ''
}
