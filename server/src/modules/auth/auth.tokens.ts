// Access tokens are short-lived HS256 JWTs; refresh tokens are random, shown once, stored as SHA-256.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { createSigner, createVerifier, TokenError } from 'fast-jwt'
import type { Principal, UserRole } from '../../http/auth-guard.ts'
import { invalidToken } from './auth.errors.ts'
import { ACCESS_TOKEN_TTL_SECONDS } from './auth.rules.ts'

const ISSUER = 'trusticket'
const ROLES: readonly UserRole[] = ['user', 'organizer', 'staff', 'admin']

/** What an access token says besides who: its login (refresh-token family) and the account's session version. */
export interface TokenSession {
  sessionId: string
  version: number
}

export interface AccessTokens {
  sign(principal: Principal & Partial<TokenSession>, nowSeconds: number): Promise<string>
  /** Throws a 401 AppError for any token that is not one of ours, current and well-formed. */
  verify(token: string, nowSeconds: number): Principal & TokenSession
}

/**
 * fast-jwt verifies with node:crypto's synchronous HMAC, where jose goes through WebCrypto, whose every call is an
 * async job; every authenticated request verifies one, so it shows in a surge (docs/BENCHMARKS.md, "Figures behind the code").
 */
export function createAccessTokens(secret: string): AccessTokens {
  const signer = createSigner({
    key: secret,
    algorithm: 'HS256',
    iss: ISSUER,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS * 1000,
  })
  // The verifier's clock is fixed when it is made, and ours is injected per call, so expiry is checked below.
  const verifier = createVerifier({
    key: secret,
    algorithms: ['HS256'],
    allowedIss: ISSUER,
    requiredClaims: ['sub', 'exp', 'role', 'sid', 'sv'],
    ignoreExpiration: true,
  })
  return {
    // A token made outside a login (tests' fans, tools) gets a login of its own that nothing has ended.
    // `by`: a verified person's birth year (본인인증); a token from before the verification has none until refreshed.
    // `pc`: that person has closed accounts whose places count for them (the queue looks them up only then).
    sign: async ({ userId, role, sessionId, version, birthYear, closedAccounts }, now) =>
      signer({
        role,
        sub: userId,
        iat: now,
        sid: sessionId ?? randomBytes(9).toString('base64url'),
        sv: version ?? 0,
        ...(birthYear !== undefined && { by: birthYear }),
        ...(closedAccounts && { pc: 1 }),
      }),
    verify(token, now) {
      let payload: {
        sub?: unknown
        exp?: unknown
        role?: unknown
        sid?: unknown
        sv?: unknown
        by?: unknown
        pc?: unknown
      }
      try {
        payload = verifier(token)
      } catch (error) {
        if (error instanceof TokenError) throw invalidToken()
        throw error
      }
      const role = payload.role as UserRole
      if (typeof payload.sub !== 'string' || !ROLES.includes(role)) throw invalidToken()
      if (typeof payload.exp !== 'number' || payload.exp <= now) throw invalidToken()
      if (typeof payload.sid !== 'string' || !Number.isInteger(payload.sv)) throw invalidToken()
      if (payload.by !== undefined && !Number.isInteger(payload.by)) throw invalidToken()
      const principal: Principal & TokenSession = {
        userId: payload.sub,
        role,
        sessionId: payload.sid,
        version: payload.sv as number,
      }
      if (payload.by !== undefined) principal.birthYear = payload.by as number
      if (payload.pc === 1) principal.closedAccounts = true
      return principal
    },
  }
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

/** `<id>.<secret>`: the id finds the row, the secret proves possession. */
export function newRefreshToken(id: string) {
  const secret = randomBytes(32).toString('base64url')
  return { token: `${id}.${secret}`, hash: sha256(secret) }
}

export function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const dot = token.indexOf('.')
  if (dot <= 0 || dot === token.length - 1) return null
  return { id: token.slice(0, dot), secret: token.slice(dot + 1) }
}

export function hashesEqual(a: string, b: string) {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && timingSafeEqual(x, y)
}
