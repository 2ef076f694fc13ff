// 본인인증, told top to bottom: open the provider's window → the browser brings back the provider's id → ask the
// provider what it certified → keep a keyed hash of the person and their birth year, one person per account and one
// account per person → ask the provider to forget the person.
import type { Db } from '../../adapters/db/database.ts'
import type { IdentityProvider } from '../../adapters/identity-provider/provider.ts'
import { GatewayError } from '../../adapters/payment-gateway/gateway.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Principal } from '../../kernel/principal.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import {
  alreadyLinked,
  notCertified,
  otherPerson,
  providerUnavailable,
  verificationNotFound,
} from './identity.errors.ts'
import { identityRepository as repo } from './identity.repository.ts'
import { birthYearOf, personHashOf, RATE_RULES } from './identity.rules.ts'
import type { IdentityStatus, VerificationStarted } from './identity.schemas.ts'

export interface IdentityDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  provider: IdentityProvider
  rateLimit: RateLimiter
  /** The server's key for person hashes, the same in every process. */
  personKey: string
  onError?: (error: unknown) => void
}

/** A provider failure as the fan should hear it: gone is not found, silence is "try again". */
function fromProvider(error: unknown): never {
  if (error instanceof GatewayError && error.kind === 'not_found') throw verificationNotFound()
  if (error instanceof GatewayError) throw providerUnavailable()
  throw error
}

export function createIdentityService(deps: IdentityDeps) {
  const { db, clock, newId, provider, rateLimit } = deps

  return {
    async start(principal: Principal, address: string): Promise<VerificationStarted> {
      await rateLimit('identity-start', principal.userId, RATE_RULES.startPerAccount)
      await rateLimit('identity-start-address', address, RATE_RULES.startPerAddress)
      const id = newId()
      await repo.insertVerification(db, {
        id,
        userId: principal.userId,
        provider: provider.name,
        status: 'pending',
        createdAt: clock.now(),
        completedAt: null,
      })
      const checkout = await provider.start({ verificationId: id, userId: principal.userId }).catch(fromProvider)
      return { verificationId: id, provider: provider.name, checkout }
    },

    async complete(principal: Principal, verificationId: string, providerVerificationId: string) {
      const { userId } = principal
      await rateLimit('identity-complete', userId, RATE_RULES.completePerAccount)
      const verification = await repo.verificationOf(db, verificationId, userId)
      if (!verification) throw verificationNotFound()
      const done = verification.status === 'verified' ? await repo.linkOf(db, userId) : null
      if (done) return statusView(done)

      const certified = await provider.lookup(providerVerificationId).catch(fromProvider)
      // The provider's record must be of this very window: another window's id proves nothing about this one.
      if (certified.merchantUid !== verificationId) throw verificationNotFound()
      const birthYear = birthYearOf(certified.birthDate)
      if (!certified.certified || !certified.uniqueKey || birthYear === null) throw notCertified()
      const personHash = personHashOf(deps.personKey, certified.uniqueKey)
      await rateLimit('identity-person', personHash, RATE_RULES.linksPerPerson)

      const now = clock.now()
      const link = await db.transaction(async (tx) => {
        const linked =
          (await repo.insertLink(tx, { userId, personHash, birthYear, provider: provider.name, verifiedAt: now })) ??
          (await repo.linkOf(tx, userId))
        // Nothing inserted and nothing of ours: another account holds this person.
        if (!linked) throw alreadyLinked()
        if (linked.personHash !== personHash) throw otherPerson()
        await repo.markVerified(tx, verificationId, now)
        return linked
      })
      await provider.forget(certified.providerVerificationId).catch((error) => deps.onError?.(error))
      return statusView(link)
    },
  }
}

const statusView = (link: { verifiedAt: Date }): IdentityStatus => ({
  identityVerified: true,
  verifiedAt: link.verifiedAt.toISOString(),
})

export type IdentityService = ReturnType<typeof createIdentityService>
