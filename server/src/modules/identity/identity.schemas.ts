// Request and response shapes of the identity API (JSON Schema via TypeBox; also the OpenAPI description).
import { type Static, Type } from 'typebox'
import { Id, OneOf } from '../../http/schemas.ts'

const strict = { additionalProperties: false } as const

export const VerificationStarted = Type.Object({
  verificationId: Id,
  provider: OneOf(['test', 'portone']),
  checkout: Type.Record(Type.String(), Type.Unknown(), {
    description:
      'What the browser needs to open the provider’s window. `test`: `{ url }`, the test page (POST `{ person, ' +
      'birthDate }` there with the account’s token). `portone`: `{ sdkUrl, impCode, merchantUid, channelKey | pg }` ' +
      'for `IMP.certification`.',
  }),
})
export type VerificationStarted = Static<typeof VerificationStarted>

export const CompleteBody = Type.Object(
  { providerVerificationId: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) },
  strict,
)
export const IdentityStatus = Type.Object({
  identityVerified: Type.Literal(true),
  verifiedAt: Type.String({ format: 'date-time' }),
})
export type IdentityStatus = Static<typeof IdentityStatus>

export const TestCertifyBody = Type.Object(
  {
    person: Type.String({ minLength: 1, maxLength: 100, description: 'plays the CI: the same string is one person' }),
    birthDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' }),
  },
  strict,
)
