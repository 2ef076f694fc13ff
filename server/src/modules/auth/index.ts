// The auth module's public surface.
import { randomBytes } from 'node:crypto'
import type { Db } from '../../adapters/db/database.ts'
import type { RateLimiter } from '../../http/rate-limit.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import { authRepository } from './auth.repository.ts'
import { authRoutes } from './auth.routes.ts'
import { createAuthService, type PasswordHashing } from './auth.service.ts'
import { createAccessTokens } from './auth.tokens.ts'

export { type AuthService, OWASP_ARGON2ID, type UserView } from './auth.service.ts'

export interface AuthModuleDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  rateLimit: RateLimiter
  hashing: PasswordHashing
  /** JWT_SECRET; without it, a secret kept in the database and shared by every process. */
  jwtSecret?: string
}

export async function createAuth(deps: AuthModuleDeps) {
  const secret =
    deps.jwtSecret ?? (await authRepository.signingSecret(deps.db, 'jwt', randomBytes(48).toString('base64url')))
  const service = createAuthService({ ...deps, tokens: createAccessTokens(secret) })
  return {
    service,
    routes: authRoutes(service),
    verifyAccessToken: service.verifyAccessToken,
    /** A signing key of its own for another purpose (e.g. gate passes), made once and shared by every process. */
    namedSecret: (name: string) => authRepository.signingSecret(deps.db, name, randomBytes(48).toString('base64url')),
  }
}
