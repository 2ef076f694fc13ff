// The identity module's public surface (본인인증): it owns who is a verified person — a keyed hash of the CI and the
// birth year per account — and the verification windows. It asks an identity provider (adapters/identity-provider,
// chosen in app.ts) what it certified. To others it offers `identityOf` (auth's /api/me, the queue's entry rules)
// and `release` (auth calls it when an account closes, in the same transaction).
import type { Db, DbOrTx } from '../../adapters/db/database.ts'
import type { IdentityProvider } from '../../adapters/identity-provider/provider.ts'
import type { TestIdentityProvider } from '../../adapters/identity-provider/test.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { AccessTokenVerifier } from '../../kernel/principal.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import { identityRepository } from './identity.repository.ts'
import { identityRoutes } from './identity.routes.ts'
import { createIdentityService } from './identity.service.ts'
import { testVerificationRoutes } from './identity.test-verification.ts'

export type { IdentityErrorCode } from './identity.errors.ts'

/** What others may know of an account's identity: whether it is a verified person, and their birth year. */
export interface Identity {
  verifiedAt: Date
  birthYear: number
  /** The person closed an account before (its places count for them where an event counts per person). */
  closedAccounts: boolean
}

/** The ports other modules get, before the identity module itself exists (auth is made first). */
export const identityPorts = {
  async identityOf(db: DbOrTx, userId: string): Promise<Identity | null> {
    const link = await identityRepository.linkOf(db, userId)
    if (!link) return null
    const closed = await identityRepository.closedAccountsOf(db, userId)
    return { verifiedAt: link.verifiedAt, birthYear: link.birthYear, closedAccounts: closed.length > 0 }
  },
  /** The person is free to verify another account (회원탈퇴 releases them); the closed one stays theirs. */
  release: (tx: DbOrTx, userId: string, at: Date) => identityRepository.release(tx, userId, at),
  /** The accounts the person linked to this one closed before. */
  closedAccountsOf: (db: DbOrTx, userId: string) => identityRepository.closedAccountsOf(db, userId),
}

export interface IdentityModuleDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  provider: IdentityProvider
  /** The built-in test provider, whose window routes are served only when it is the provider. */
  testProvider?: TestIdentityProvider
  verifyAccessToken: AccessTokenVerifier
  rateLimit: RateLimiter
  personKey: string
  onError?: (error: unknown) => void
}

export function createIdentity(deps: IdentityModuleDeps) {
  const service = createIdentityService(deps)
  const routes = [identityRoutes(service, deps.verifyAccessToken)]
  if (deps.testProvider) routes.push(testVerificationRoutes(deps.testProvider, deps.verifyAccessToken))
  return { service, routes }
}
