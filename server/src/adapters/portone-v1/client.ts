// The PortOne V1 REST client (the iamport API) that every PortOne adapter shares: payments now, identity
// verifications (본인인증) next. It gets and caches the access token (renewed a minute before PortOne's own expiry,
// and at once on a 401), sends `Authorization: Bearer`, retries what may pass (network errors, timeouts, 5xx) with
// exponential backoff, and unwraps the { code, message, response } envelope: code 0 is success.
import { GatewayError } from '../payment-gateway/gateway.ts'

export interface PortOneClientOptions {
  apiKey: string
  apiSecret: string
  baseUrl: string
  timeoutMs?: number
  /** Attempts per request, the first included. */
  attempts?: number
  /** First backoff delay; doubles each retry. */
  backoffMs?: number
}

export interface Envelope<T> {
  code: number
  message: string | null
  response: T | null
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export function createPortOneClient(options: PortOneClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 10_000
  const attempts = options.attempts ?? 3
  const backoffMs = options.backoffMs ?? 250
  let token: { value: string; validUntil: number } | null = null

  /**
   * One HTTP exchange with retries on what may pass: network errors, timeouts, 5xx. A 404 is `not_found`, any other
   * refusal `rejected`, and running out of attempts `unavailable`.
   */
  async function call<T>(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: object,
    auth = true,
  ): Promise<Envelope<T>> {
    let lastProblem = 'no attempt made'
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1) await sleep(backoffMs * 2 ** (attempt - 2))
      const headers: Record<string, string> = { accept: 'application/json' }
      if (body) headers['content-type'] = 'application/json'
      if (auth) headers.authorization = `Bearer ${await accessToken()}`
      let response: Response
      try {
        response = await fetch(`${base}${path}`, {
          method,
          headers,
          ...(body ? { body: JSON.stringify(body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (error) {
        lastProblem = error instanceof Error ? `${error.name}: ${error.message}` : 'network error'
        continue
      }
      if (response.status >= 500) {
        lastProblem = `HTTP ${response.status}`
        await response.body?.cancel()
        continue
      }
      if (response.status === 401 && auth) {
        token = null // expired or revoked: fetch a new one and try again
        lastProblem = 'HTTP 401'
        await response.body?.cancel()
        continue
      }
      let envelope: Envelope<T>
      try {
        envelope = (await response.json()) as Envelope<T>
      } catch {
        lastProblem = `HTTP ${response.status} with a body that is not JSON`
        continue
      }
      if (response.status === 404) throw new GatewayError('not_found', envelope.message ?? 'not found')
      if (envelope.code !== 0 || response.status >= 400 || envelope.response === null)
        throw new GatewayError('rejected', envelope.message ?? `code ${envelope.code}`)
      return envelope
    }
    throw new GatewayError('unavailable', `PortOne did not answer ${method} ${path}: ${lastProblem}`)
  }

  async function accessToken(): Promise<string> {
    if (token && token.validUntil > Date.now()) return token.value
    const answer = await call<{ access_token: string; now: number; expired_at: number }>(
      'POST',
      '/users/getToken',
      { imp_key: options.apiKey, imp_secret: options.apiSecret },
      false,
    )
    const t = answer.response!
    // Trust the provider's own clock for the lifetime; renew a minute early.
    const lifetimeMs = Math.max(0, (t.expired_at - t.now) * 1000 - 60_000)
    token = { value: t.access_token, validUntil: Date.now() + lifetimeMs }
    return t.access_token
  }

  return { call }
}
