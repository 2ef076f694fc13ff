// One fetch wrapper for the whole app: JSON in/out, bearer tokens refreshed silently, problem+json → ApiError.
import { currentAccessToken } from './session.ts'

export interface FieldError {
  path: string
  message: string
  /** Why, in a stable code (e.g. `password.common`) that the web says in its own words. */
  code?: string
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }

  /**
   * Field errors keyed by the field's path inside the body ("body/grades/0/price" → "grades.0.price"); an error
   * with a code is said in words `say` knows for it, when it knows any.
   */
  fieldErrors(say: (code: string) => string | undefined = () => undefined): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.errors) {
      const key = e.path.replace(/^(body|querystring|params)\/?/, '').replace(/\//g, '.')
      out[key] ??= (e.code && say(e.code)) || e.message
    }
    return out
  }
}

export interface RequestOptions {
  method?: string
  body?: unknown
  /** Send the bearer token (default true when logged in). */
  auth?: boolean
  signal?: AbortSignal
  headers?: Record<string, string>
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await send(path, options, false)
  if (res.status === 204) return undefined as T
  const type = res.headers.get('content-type') ?? ''
  const data = type.includes('json') ? await res.json() : await res.text()
  if (!res.ok) {
    const p = (typeof data === 'object' && data) || {}
    throw new ApiError(res.status, p.code ?? `http.${res.status}`, p.detail ?? res.statusText, p.errors ?? [])
  }
  return data as T
}

/**
 * Sends once; on a 401 that refuses the token itself, refreshes and retries once (the access token may have just
 * expired, or its session was ended). A 401 that refuses something else (a wrong password) is the answer.
 */
export async function send(path: string, options: RequestOptions, forceRefresh: boolean): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers }
  const token = options.auth === false ? null : await currentAccessToken(forceRefresh)
  if (token) headers.authorization = `Bearer ${token}`
  let body: BodyInit | undefined
  if (options.body instanceof FormData) body = options.body
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  const res = await fetch(path, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
    signal: options.signal,
  })
  if (res.status === 401 && token && !forceRefresh && (await refusesToken(res))) return send(path, options, true)
  return res
}

async function refusesToken(res: Response): Promise<boolean> {
  const problem = (await res
    .clone()
    .json()
    .catch(() => null)) as { code?: unknown } | null
  return problem?.code === undefined || problem.code === 'auth.invalid_token' || problem.code === 'auth.token_missing'
}

export function isApiError(e: unknown, code?: string): e is ApiError {
  return e instanceof ApiError && (code === undefined || e.code === code)
}
