// The Fastify edge: request ids, security headers, problem+json errors, metrics and the OpenAPI description.
import { randomUUID } from 'node:crypto'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify'
import helmet from 'helmet'
import type { Logger } from 'pino'
import type { Registry } from 'prom-client'
import { AppError, routeNotFound, validationFailed } from '../kernel/app-error.ts'
import { instrumentHttp } from './metrics.ts'
import { guardOperatorEndpoints } from './operator-access.ts'
import { problemOf, sendProblem } from './problem.ts'
import { originForm, redactUrl } from './request-target.ts'
import { validatorCompiler } from './validation.ts'

export interface HttpOptions {
  logger: Logger
  metrics: Registry
  /** false, a hop count, or the proxies' addresses/CIDRs (never `true`: see config.ts). */
  trustProxy: false | number | string[]
  /** Who may read /metrics and /docs (addresses/CIDRs); null: anyone. */
  opsAllowFrom?: string[] | null
  /** JSON body limit; uploads have their own. */
  bodyLimit?: number
  /** PortOne's browser SDK URL when PAYMENT_PROVIDER=portone: its origin joins the CSP, nothing else does. */
  paymentSdkUrl?: string | undefined
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/

function serializeRequest(req: { method: string; url: string; host?: string; ip?: string }) {
  return { method: req.method, url: redactUrl(req.url), host: req.host, remoteAddress: req.ip }
}

export async function createHttpServer(options: HttpOptions): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: options.logger.child({}, { serializers: { req: serializeRequest } }) as FastifyBaseLogger,
    trustProxy: trustProxyOption(options.trustProxy),
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Accept a caller's request id only when it looks like one, so logs stay clean.
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
    // One line per request, written when it is answered (see below), instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    routerOptions: { maxParamLength: 200 },
    // Absolute-form targets become origin form before routing, so everything after sees the router's path.
    rewriteUrl: (req) => originForm(req.url ?? '/'),
    // Errors raised before routing (bad URL encoding, over-long params) leave as problem+json too.
    frameworkErrors: (error, request, reply) => sendProblem(reply, problemOf(error, request)),
  })
  app.setValidatorCompiler(validatorCompiler())

  // The edge's own hooks take a callback: they do no I/O, so each request need not pay a promise per hook.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })
  // PostgreSQL text cannot hold U+0000; refuse it at the edge rather than fail deep in a query.
  app.addHook('preValidation', (request, _reply, done) => {
    const path =
      nulPath(request.query, 'querystring', 0) ??
      nulPath(request.params, 'params', 0) ??
      nulPath(request.body, 'body', 0)
    if (path) done(validationFailed([{ path, message: 'must not contain U+0000' }]))
    else done()
  })

  // Only when it will be written: at LOG_LEVEL=warn (the surge bench, busy deployments) a request pays no hook.
  if (options.logger.isLevelEnabled('info'))
    app.addHook('onResponse', (request, reply, done) => {
      const ms = Math.round(reply.elapsedTime * 10) / 10
      request.log.info(
        { req: request, res: { statusCode: reply.statusCode }, responseTime: ms },
        `${request.method} ${redactUrl(request.url)} ${reply.statusCode} ${ms} ms`,
      )
      done()
    })

  app.setErrorHandler((error, request, reply) => {
    const problem = problemOf(error, request)
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ code: problem.code, status: problem.status }, 'request rejected')
    const retryAfter = error instanceof AppError ? error.extra.retryAfterSeconds : undefined
    return sendProblem(reply, problem, retryAfter)
  })
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problemOf(routeNotFound(request.method, request.url), request)),
  )

  // The SDK's script comes from its own origin; its payment window is an iframe (or popup) served by PortOne and
  // then by whichever PG the store uses, so frames may come from any https origin, but only in portone mode.
  const sdkOrigin = options.paymentSdkUrl ? new URL(options.paymentSdkUrl).origin : null
  // Helmet's middleware is built once here. @fastify/helmet rebuilt it, directives parsed and all, on every request
  // (docs/BENCHMARKS.md, "Figures behind the code").
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: sdkOrigin ? ["'self'", sdkOrigin] : ["'self'"],
        connectSrc: sdkOrigin ? ["'self'", sdkOrigin] : ["'self'"],
        // PG windows post forms into that frame; an unverified guess at the SDK's needs, confirm in a real browser.
        ...(sdkOrigin ? { frameSrc: ["'self'", 'https:'], formAction: ["'self'", 'https:'] } : {}),
        // Helmet's default would rewrite the app's own http:// asset URLs to https:// on any host but localhost,
        // leaving a blank page wherever the platform is reached over plain HTTP (compose, a LAN, behind a proxy
        // that terminates TLS elsewhere). Behind TLS, HSTS keeps browsers on https.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  })
  app.addHook('onRequest', (request, reply, done) =>
    securityHeaders(request.raw, reply.raw, (error) => done(error as Error | undefined)),
  )
  guardOperatorEndpoints(app, options.opsAllowFrom ?? null)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Trusticket API',
        version: '1.0.0',
        description:
          'Ticket booking for performance events: accounts, catalog with Korean search, a fair FIFO waiting ' +
          'queue, bookings and payments. Errors are RFC 9457 problem+json with a stable dotted `code`.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true })
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  instrumentHttp(app, options.metrics)
  return app
}

/**
 * A hop count trusts that many proxies in front, whatever their addresses (Express's meaning; Fastify 5 itself
 * now refuses a bare number); a list trusts exactly those addresses.
 */
function trustProxyOption(trust: HttpOptions['trustProxy']) {
  if (typeof trust !== 'number') return trust
  return (_address: string, hop: number) => hop < trust
}

function nulPath(value: unknown, path: string, depth: number): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null
  if (depth > 32 || value === null || typeof value !== 'object') return null
  for (const [key, child] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}/${key}`
    const found = nulPath(child, `${path}/${key}`, depth + 1)
    if (found) return found
  }
  return null
}
