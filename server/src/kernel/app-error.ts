// The one error type the domain throws; the HTTP edge turns it into problem+json. Every code is declared once: the
// edge's own below, each module's in its `<module>.errors.ts`, whose `ErrorCodeOf` union names them all.
export interface FieldError {
  path: string
  message: string
  /** Why, for a client to say in its own words (e.g. `password.common`); absent on schema errors. */
  code?: string
}

export class AppError<C extends string = string> extends Error {
  constructor(
    readonly code: C,
    readonly status: number,
    message: string,
    readonly extra: { errors?: FieldError[]; retryAfterSeconds?: number } = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** The codes a module's errors file can raise: `ErrorCodeOf<typeof import('./x.errors.ts')>`. */
export type ErrorCodeOf<M> = {
  [K in keyof M]: M[K] extends (...args: never[]) => AppError<infer C> ? C : never
}[keyof M]

export const badRequest = <C extends string>(code: C, message: string, errors?: FieldError[]) =>
  new AppError(code, 400, message, errors ? { errors } : {})
export const unauthorized = <C extends string = 'auth.unauthorized'>(
  code = 'auth.unauthorized' as C,
  message = 'Authentication required',
) => new AppError(code, 401, message)
export const forbidden = <C extends string = 'auth.forbidden'>(
  code = 'auth.forbidden' as C,
  message = 'You may not do this',
) => new AppError(code, 403, message)
export const notFound = <C extends string = 'not_found'>(code = 'not_found' as C, message = 'Not found') =>
  new AppError(code, 404, message)
export const conflict = <C extends string>(code: C, message: string) => new AppError(code, 409, message)

// The edge's own codes, shared by every route.
/** A request that breaks its route's schema, or a rule a schema cannot state; `errors` says where. */
export const validationFailed = (errors: FieldError[]) =>
  new AppError('validation.failed', 400, 'The request is not valid', { errors })
export const routeNotFound = (method: string, url: string) =>
  new AppError('not_found', 404, `No route ${method} ${url}`)
export const tokenMissing = (message = 'A bearer access token is required') =>
  unauthorized('auth.token_missing', message)
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError('rate_limited', 429, 'Too many requests; try again later', { retryAfterSeconds })

export type EdgeErrorCode =
  | ErrorCodeOf<{
      validationFailed: typeof validationFailed
      routeNotFound: typeof routeNotFound
      tokenMissing: typeof tokenMissing
      tooManyRequests: typeof tooManyRequests
    }>
  | 'auth.unauthorized'
  | 'auth.forbidden'
