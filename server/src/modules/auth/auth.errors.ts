// The auth module's errors.
import { AppError, conflict, type ErrorCodeOf, notFound, unauthorized } from '../../kernel/app-error.ts'

export const emailTaken = () => conflict('auth.email_taken', 'An account with this email already exists')
export const invalidCredentials = () => unauthorized('auth.invalid_credentials', 'Email or password is wrong')
export const invalidToken = () => unauthorized('auth.invalid_token', 'The access token is invalid or expired')
export const invalidRefreshToken = () =>
  unauthorized('auth.invalid_refresh_token', 'The refresh token is invalid, expired or already used')
export const accountDisabled = () =>
  new AppError('auth.account_disabled', 403, 'This account has been disabled; contact the operator')
export const userNotFound = () => notFound('auth.user_not_found', 'No such user')
export const weakPassword = (problem: { code: string; message: string }) =>
  new AppError('auth.weak_password', 400, `The password ${problem.message}`, {
    errors: [{ path: 'body/password', ...problem }],
  })
export const ownRole = () => conflict('auth.own_role', 'Admins cannot change their own role or disable themselves')

export type AuthErrorCode = ErrorCodeOf<typeof import('./auth.errors.ts')>
