// The identity module's errors.
import { AppError, conflict, type ErrorCodeOf, notFound } from '../../kernel/app-error.ts'

export const verificationNotFound = () => notFound('identity.verification_not_found', 'No such identity verification')
export const alreadyLinked = () =>
  conflict(
    'identity.already_linked',
    'This person is already verified on another account; closing that account releases them',
  )
export const otherPerson = () => conflict('identity.other_person', 'This account is already verified as another person')
export const notCertified = () =>
  new AppError('identity.not_certified', 422, 'The provider has not certified this verification')
export const providerUnavailable = () =>
  new AppError('identity.provider_unavailable', 503, 'The identity provider did not answer; try again shortly')
export const testVerificationNotFound = () =>
  notFound('identity.test_verification_not_found', 'No such open test verification for this account')

export type IdentityErrorCode = ErrorCodeOf<typeof import('./identity.errors.ts')>
