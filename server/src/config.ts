// The whole configuration: one schema, parsed once at start, every problem listed in one error.
// Outside development (NODE_ENV=production, or a HOST other than loopback) nothing unsafe is a default: no demo
// accounts, no test payments unless named, no trusted client headers.

import { isIP } from 'node:net'
import { resolve } from 'node:path'
import { z } from 'zod'
import { QUICKNET } from './adapters/beacon/drand.ts'

export const ROLE_NAMES = ['api', 'worker', 'gateway'] as const
export type Role = (typeof ROLE_NAMES)[number]

const flag = z
  .enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
  .optional()
  .transform((v) => (v === undefined ? undefined : ['1', 'true', 'on', 'yes'].includes(v)))

const urlList = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      // A bare DNS name (`api:8080`) means plain HTTP to it.
      .map((s) => (/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `http://${s}`)),
  )
  .pipe(z.array(z.url()))

/** Names proxy-addr (Fastify's trustProxy) knows for address ranges. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal'])

function isAddressOrCidr(entry: string) {
  if (PROXY_RANGES.has(entry)) return true
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128)
}

/** A comma-separated list's entries, and those that are no address, CIDR or range name. */
function addresses(list: string) {
  const entries = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  return { entries, bad: entries.filter((e) => !isAddressOrCidr(e)) }
}

/**
 * TRUST_PROXY: how many proxies stand in front (a hop count), or which addresses are proxies (addresses and CIDRs).
 * "Trust everyone" is refused: with it any client names its own address in X-Forwarded-For and escapes every
 * per-address limit.
 */
const trustProxy = z
  .string()
  .optional()
  .transform((v, ctx): number | string[] | false => {
    if (v === undefined) return false
    if (/^\d+$/.test(v)) {
      const hops = Number(v)
      if (hops >= 1 && hops <= 10) return hops
      ctx.addIssue({ code: 'custom', message: 'a hop count must be 1 to 10' })
      return z.NEVER
    }
    const { entries, bad } = addresses(v)
    if (entries.length > 0 && bad.length === 0) return entries
    ctx.addIssue({
      code: 'custom',
      message:
        'must be a hop count (1 = one proxy in front) or comma-separated proxy addresses/CIDRs; ' +
        `not ${bad.length > 0 ? bad.map((b) => JSON.stringify(b)).join(', ') : 'empty'} ` +
        '(trusting every address would let any client forge its own)',
    })
    return z.NEVER
  })

/** Comma-separated addresses, CIDRs and proxy-addr's range names; an empty list is refused. */
const addressList = z
  .string()
  .optional()
  .transform((v, ctx): string[] | undefined => {
    if (v === undefined) return undefined
    const { entries, bad } = addresses(v)
    if (entries.length > 0 && bad.length === 0) return entries
    ctx.addIssue({ code: 'custom', message: `must be comma-separated addresses or CIDRs, not ${JSON.stringify(v)}` })
    return z.NEVER
  })

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i

/** Development means: not NODE_ENV=production, and listening on loopback only. */
export const isDevelopment = (nodeEnv: string | undefined, host: string) =>
  nodeEnv !== 'production' && LOOPBACK_HOST.test(host)

const envSchema = z.object({
  NODE_ENV: z.string().optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  ROLES: z
    .string()
    .default(ROLE_NAMES.join(','))
    .transform((v) => [...new Set(v.split(',').map((s) => s.trim()))].filter(Boolean))
    .pipe(z.array(z.enum(ROLE_NAMES)).min(1, 'name at least one role')),
  API_UPSTREAMS: urlList,
  QUEUE_UPSTREAMS: urlList,
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').max(200).optional(),
  PAYMENT_PROVIDER: z.enum(['test', 'portone']).optional(),
  PORTONE_API_KEY: z.string().min(1).optional(),
  PORTONE_API_SECRET: z.string().min(1).optional(),
  PORTONE_BASE_URL: z.url().default('https://api.iamport.kr'),
  PORTONE_IMP_CODE: z
    .string()
    .regex(/^imp\d+$/, 'must be the store identification code, imp followed by digits')
    .optional(),
  PORTONE_PG: z.string().min(1).optional(),
  PORTONE_CHANNEL_KEY: z.string().min(1).optional(),
  PORTONE_SDK_URL: z.url().default('https://cdn.iamport.kr/v1/iamport.js'),
  IDENTITY_PROVIDER: z.enum(['test', 'portone']).optional(),
  PORTONE_CERTIFICATION_CHANNEL_KEY: z.string().min(1).optional(),
  PORTONE_CERTIFICATION_PG: z
    .string()
    .regex(
      /^(danal|inicis_unified|inicis|kcp_v2)(\.[A-Za-z0-9_-]+)?$/,
      'PortOne serves certifications through danal, inicis_unified, inicis or kcp_v2 only (e.g. inicis_unified.MIIiasTest)',
    )
    .optional(),
  DRAND_URL: z.union([z.literal('off'), z.url()]).optional(),
  RATE_LIMITS: z.enum(['on', 'off']).default('on'),
  SEED_DEMO: flag,
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  IDENTITY_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  TRUST_PROXY: trustProxy,
  OPS_ALLOW_FROM: addressList,
})

export interface Config {
  port: number
  host: string
  dataDir: string
  databaseUrl: string | undefined
  /** Connections this process's PostgreSQL pool may open. */
  databasePoolSize: number
  redisUrl: string | undefined
  roles: Role[]
  apiUpstreams: string[]
  queueUpstreams: string[]
  admin: { email: string; password: string } | undefined
  paymentProvider: 'test' | 'portone'
  /** 본인인증: the built-in test page, or PortOne V1 certifications (the same PortOne store as payments). */
  identityProvider: 'test' | 'portone'
  portoneCertification: { channelKey: string | undefined; pg: string | undefined } | undefined
  /** A drand quicknet relay whose rounds go into opening draws' seeds; null: draws use their revealed secret only. */
  drandUrl: string | null
  portone:
    | {
        apiKey: string
        apiSecret: string
        baseUrl: string
        impCode: string
        pg: string | undefined
        /** The store's PG channel for the browser SDK (replaces the deprecated `pg`). */
        channelKey: string | undefined
        sdkUrl: string
      }
    | undefined
  rateLimits: boolean
  seedDemo: boolean
  jwtSecret: string | undefined
  /** The key of person hashes (본인인증); unset: one kept in the database, shared by every process. */
  identityKey: string | undefined
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  /** One readable line per record (development's default), or JSON lines for a log collector. */
  logFormat: 'json' | 'pretty'
  uploadMaxBytes: number
  /** Fastify's trustProxy: false, a hop count, or the proxies' addresses. */
  trustProxy: false | number | string[]
  /** Who may read /metrics and /docs: these addresses/CIDRs, or null for anyone (development's default). */
  opsAllowFrom: string[] | null
  /** Not production and on loopback: the only place where demo data and test payments are defaults. */
  development: boolean
  /** Unsafe choices made explicitly (e.g. test payments in production): logged at start and shown on /readyz. */
  warnings: string[]
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as in most shells' `VAR= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'env'}: ${i.message}`))
  }
  const e = parsed.data
  const problems: string[] = []
  const warnings: string[] = []
  const development = isDevelopment(e.NODE_ENV, e.HOST)
  const where = 'NODE_ENV=production or a non-loopback HOST'
  if (e.SEED_DEMO && !development) problems.push(`SEED_DEMO: demo accounts and data are never made with ${where}`)
  if (e.PAYMENT_PROVIDER === undefined && !development)
    problems.push(
      `PAYMENT_PROVIDER: required with ${where}: portone, or test to accept test payments that take no money`,
    )
  if (e.PAYMENT_PROVIDER === 'test' && !development)
    warnings.push('PAYMENT_PROVIDER=test: the built-in test checkout confirms bookings without taking any money')
  const paymentProvider = e.PAYMENT_PROVIDER ?? 'test'
  if (e.IDENTITY_PROVIDER === undefined && !development)
    problems.push(`IDENTITY_PROVIDER: required with ${where}: portone, or test to accept identities anyone can type`)
  if (e.IDENTITY_PROVIDER === 'test' && !development)
    warnings.push('IDENTITY_PROVIDER=test: anyone can claim to be any person; events requiring 본인인증 prove nothing')
  const identityProvider = e.IDENTITY_PROVIDER ?? 'test'
  if (identityProvider === 'portone' && !e.PORTONE_CERTIFICATION_CHANNEL_KEY && !e.PORTONE_CERTIFICATION_PG)
    problems.push(
      'PORTONE_CERTIFICATION_CHANNEL_KEY or PORTONE_CERTIFICATION_PG: required when IDENTITY_PROVIDER=portone',
    )
  if ((e.ADMIN_EMAIL === undefined) !== (e.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither')
  }
  const portoneFor = [
    ...(paymentProvider === 'portone' ? ['PAYMENT_PROVIDER'] : []),
    ...(identityProvider === 'portone' ? ['IDENTITY_PROVIDER'] : []),
  ]
  if (portoneFor.length > 0)
    for (const name of ['PORTONE_API_KEY', 'PORTONE_API_SECRET', 'PORTONE_IMP_CODE'] as const)
      if (!e[name]) problems.push(`${name}: required when ${portoneFor.join(' or ')}=portone`)
  if (problems.length > 0) throw new ConfigError(problems)
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    roles: e.ROLES,
    apiUpstreams: e.API_UPSTREAMS,
    queueUpstreams: e.QUEUE_UPSTREAMS.length > 0 ? e.QUEUE_UPSTREAMS : e.API_UPSTREAMS,
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    paymentProvider,
    identityProvider,
    portoneCertification:
      identityProvider === 'portone'
        ? { channelKey: e.PORTONE_CERTIFICATION_CHANNEL_KEY, pg: e.PORTONE_CERTIFICATION_PG }
        : undefined,
    portone:
      paymentProvider === 'portone' || identityProvider === 'portone'
        ? {
            apiKey: e.PORTONE_API_KEY!,
            apiSecret: e.PORTONE_API_SECRET!,
            baseUrl: e.PORTONE_BASE_URL,
            impCode: e.PORTONE_IMP_CODE!,
            pg: e.PORTONE_PG,
            channelKey: e.PORTONE_CHANNEL_KEY,
            sdkUrl: e.PORTONE_SDK_URL,
          }
        : undefined,
    // Development works offline, so its draws do not wait for a beacon unless asked to.
    drandUrl:
      e.DRAND_URL === 'off'
        ? null
        : (e.DRAND_URL ?? (development ? null : `https://api.drand.sh/${QUICKNET.chainHash}`)),
    rateLimits: e.RATE_LIMITS === 'on',
    seedDemo: e.SEED_DEMO ?? false,
    jwtSecret: e.JWT_SECRET,
    identityKey: e.IDENTITY_KEY,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (development ? 'pretty' : 'json'),
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    trustProxy: e.TRUST_PROXY,
    opsAllowFrom: e.OPS_ALLOW_FROM ?? (development ? null : ['loopback']),
    development,
    warnings,
  }
}
