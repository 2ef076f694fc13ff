// The auth module's public surface. It owns accounts, passwords, sessions and the access tokens every other module
// checks (`verifyAccessToken`), and hands out named signing keys (gate passes, person hashes). It asks the identity
// module whether an account is a verified person (/api/me) and to release the person when the account closes.
import { randomBytes } from 'node:crypto'
import type { Db } from '../../adapters/db/database.ts'
import type { HotPath } from '../../adapters/hot-path/hot-path.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import { authRepository } from './auth.repository.ts'
import { authRoutes } from './auth.routes.ts'
import { ACCESS_TOKEN_TTL_SECONDS } from './auth.rules.ts'
import { createAuthService, type IdentityPort, type PasswordHashing } from './auth.service.ts'
import { createSessionRegistry } from './auth.sessions.ts'
import { createLoginThrottle } from './auth.throttle.ts'
import { createAccessTokens } from './auth.tokens.ts'

export type { UserView } from './auth.schemas.ts'
export { type AuthService, OWASP_ARGON2ID } from './auth.service.ts'

export interface AuthModuleDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  rateLimit: RateLimiter
  hashing: PasswordHashing
  /** What auth asks of the identity module (its ports, given in app.ts). */
  identity: IdentityPort
  /** Where ended sessions are announced to every process. */
  hotPath: HotPath
  /** RATE_LIMITS: off turns the login throttle off too. */
  throttleLogins: boolean
  /** JWT_SECRET; without it, a secret kept in the database and shared by every process. */
  jwtSecret?: string
  onError?: (error: unknown) => void
}

export async function createAuth(deps: AuthModuleDeps) {
  const secret =
    deps.jwtSecret ?? (await authRepository.signingSecret(deps.db, 'jwt', randomBytes(48).toString('base64url')))
  const sessions = createSessionRegistry({
    db: deps.db,
    hotPath: deps.hotPath,
    clock: deps.clock,
    ttlMs: ACCESS_TOKEN_TTL_SECONDS * 1000,
    ...(deps.onError ? { onError: deps.onError } : {}),
  })
  // Before the first request: the endings of the last 15 minutes, and a subscription to new ones.
  await sessions.start()
  const throttle = createLoginThrottle(deps.hotPath, deps.throttleLogins)
  const service = createAuthService({ ...deps, tokens: createAccessTokens(secret), sessions, throttle })
  return {
    service,
    stop: () => sessions.stop(),
    routes: authRoutes(service),
    verifyAccessToken: service.verifyAccessToken,
    /** A signing key of its own for another purpose (e.g. gate passes), made once and shared by every process. */
    namedSecret: (name: string) => authRepository.signingSecret(deps.db, name, randomBytes(48).toString('base64url')),
  }
}
