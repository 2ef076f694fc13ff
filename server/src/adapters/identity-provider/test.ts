// The built-in `test` identity provider: a stand-in for a carrier's 본인인증 so the journey works with no account
// anywhere. A tester names a person (any string plays the CI) and a birth date on its page; the identity module then
// looks the verification up exactly as it would at PortOne, and asks it to forget the person afterwards.
import { and, eq, isNull } from 'drizzle-orm'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Db } from '../db/database.ts'
import { GatewayError } from '../payment-gateway/gateway.ts'
import type { IdentityProvider } from './provider.ts'
import { testProviderCertifications } from './test.tables.ts'

export const TEST_VERIFICATION_PATH = '/api/identity/test-verification'

export function createTestIdentityProvider(deps: { db: Db; clock: Clock; newId: IdGenerator }) {
  const { db, clock, newId } = deps
  const table = testProviderCertifications

  const provider: IdentityProvider & {
    /** Whether the window exists and still waits for a person (its page says so). */
    open(merchantUid: string): Promise<boolean>
    /** The tester names the person; only the account that opened the window may, and only once. */
    certify(
      merchantUid: string,
      userId: string,
      person: string,
      birthDate: string,
    ): Promise<{ providerVerificationId: string } | null>
  } = {
    name: 'test',

    async start({ verificationId, userId }) {
      await db
        .insert(table)
        .values({ id: `cert_${newId()}`, merchantUid: verificationId, userId, createdAt: clock.now() })
        .onConflictDoNothing()
      return { url: `${TEST_VERIFICATION_PATH}/${verificationId}` }
    },

    async lookup(providerVerificationId) {
      const [row] = await db.select().from(table).where(eq(table.id, providerVerificationId))
      if (!row) throw new GatewayError('not_found', 'no such test verification')
      return {
        providerVerificationId: row.id,
        merchantUid: row.merchantUid,
        certified: row.certifiedAt !== null,
        uniqueKey: row.person,
        birthDate: row.birthDate,
      }
    },

    async forget(providerVerificationId) {
      await db.delete(table).where(eq(table.id, providerVerificationId))
    },

    async open(merchantUid) {
      const [row] = await db
        .select({ certifiedAt: table.certifiedAt })
        .from(table)
        .where(eq(table.merchantUid, merchantUid))
      return row !== undefined && row.certifiedAt === null
    },

    async certify(merchantUid, userId, person, birthDate) {
      const [row] = await db
        .update(table)
        .set({ person, birthDate, certifiedAt: clock.now() })
        .where(and(eq(table.merchantUid, merchantUid), eq(table.userId, userId), isNull(table.certifiedAt)))
        .returning()
      return row ? { providerVerificationId: row.id } : null
    },
  }
  return provider
}

export type TestIdentityProvider = ReturnType<typeof createTestIdentityProvider>
