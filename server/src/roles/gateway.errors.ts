// The gateway's own errors, when an upstream API process fails it.
import { AppError, type ErrorCodeOf } from '../kernel/app-error.ts'

export const upstreamTimeout = () =>
  new AppError('gateway.upstream_timeout', 504, 'The service took too long to answer; try again')
export const upstreamUnavailable = (message: string) =>
  new AppError('gateway.upstream_unavailable', 503, message, { retryAfterSeconds: 1 })

export type GatewayErrorCode = ErrorCodeOf<typeof import('./gateway.errors.ts')>
