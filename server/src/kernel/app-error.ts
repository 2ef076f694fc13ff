// The one error type the domain throws; the HTTP edge turns it into problem+json.
export interface FieldError {
  path: string
  message: string
  /** Why, for a client to say in its own words (e.g. `password.common`); absent on schema errors. */
  code?: string
}

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const badRequest = (code: string, message: string, errors?: FieldError[]) =>
  new AppError(code, 400, message, errors ? { errors } : {})
export const unauthorized = (code = 'auth.unauthorized', message = 'Authentication required') =>
  new AppError(code, 401, message)
export const forbidden = (code = 'auth.forbidden', message = 'You may not do this') => new AppError(code, 403, message)
export const notFound = (code = 'not_found', message = 'Not found') => new AppError(code, 404, message)
export const conflict = (code: string, message: string) => new AppError(code, 409, message)
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 429, 'Too many requests; try again later', { retryAfterSeconds })
