// PortOne V1 (the iamport REST API): access token, payment lookup by imp_uid, cancel (refund), webhooks.
// Every answer is the envelope { code, message, response }; code 0 means success. Timeouts and 5xx are retried
// with exponential backoff; a refund is guarded by PortOne's `checksum` (the refundable amount we believe is
// left), so a retried cancel can never refund twice.
import { GatewayError, type PaymentGateway, type ProviderPayment, type ProviderStatus } from './gateway.ts'

export interface PortOneOptions {
  apiKey: string
  apiSecret: string
  baseUrl: string
  /** The store's identification code (imp…), for the browser's payment window. */
  impCode: string
  /** The PG channel for the payment window, e.g. `html5_inicis`. */
  pg?: string | undefined
  channelKey?: string | undefined
  /** Where the browser loads PortOne's V1 SDK (IMP) from; the CSP allows this origin's scripts. */
  sdkUrl?: string
  timeoutMs?: number
  /** Attempts per request, the first included. */
  attempts?: number
  /** First backoff delay; doubles each retry. */
  backoffMs?: number
  /**
   * Whether a test-channel payment (`sandbox: true`) counts. PortOne hides those from lookups unless asked
   * (`include_sandbox`, since 2026-01-26); we always ask, so they are seen, and only development accepts them:
   * elsewhere one is answered as failed, since no money moved.
   */
  acceptSandbox?: boolean
}

interface Envelope<T> {
  code: number
  message: string | null
  response: T | null
}

interface PortOnePayment {
  imp_uid: string
  merchant_uid: string
  status: ProviderStatus
  amount: number
  cancel_amount?: number
  paid_at?: number
  sandbox?: boolean
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const toProviderPayment = (p: PortOnePayment, acceptSandbox: boolean): ProviderPayment => ({
  providerPaymentId: p.imp_uid,
  merchantUid: p.merchant_uid,
  status: p.sandbox && !acceptSandbox ? 'failed' : p.status,
  amount: p.amount,
  cancelledAmount: p.cancel_amount ?? 0,
  paidAt: p.paid_at ? new Date(p.paid_at * 1000) : null,
  raw: p,
})

export function createPortOneGateway(options: PortOneOptions): PaymentGateway {
  const base = options.baseUrl.replace(/\/+$/, '')
  const timeoutMs = options.timeoutMs ?? 10_000
  const attempts = options.attempts ?? 3
  const backoffMs = options.backoffMs ?? 250
  const acceptSandbox = options.acceptSandbox ?? false
  const sandboxToo = '?include_sandbox=true'
  let token: { value: string; validUntil: number } | null = null

  /** One HTTP exchange with retries on what may pass: network errors, timeouts, 5xx. */
  async function call<T>(method: 'GET' | 'POST', path: string, body?: object, auth = true): Promise<Envelope<T>> {
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

  const gateway: PaymentGateway = {
    name: 'portone',

    async checkout(request) {
      return {
        sdkUrl: options.sdkUrl ?? 'https://cdn.iamport.kr/v1/iamport.js',
        impCode: options.impCode,
        ...(options.channelKey ? { channelKey: options.channelKey } : options.pg ? { pg: options.pg } : {}),
        merchantUid: request.paymentId,
        amount: request.amount,
        name: request.orderName,
        ...(request.buyer.email ? { buyerEmail: request.buyer.email } : {}),
        ...(request.buyer.name ? { buyerName: request.buyer.name } : {}),
      }
    },

    async lookup(providerPaymentId) {
      const answer = await call<PortOnePayment>(
        'GET',
        `/payments/${encodeURIComponent(providerPaymentId)}${sandboxToo}`,
      )
      return toProviderPayment(answer.response!, acceptSandbox)
    },

    async findByMerchantUid(merchantUid) {
      try {
        // Only a paid attempt matters here (money to give back), and a later `ready` attempt of the same order
        // must not hide it: ask for the order's paid payment by status.
        const answer = await call<PortOnePayment>(
          'GET',
          `/payments/find/${encodeURIComponent(merchantUid)}/paid${sandboxToo}`,
        )
        return toProviderPayment(answer.response!, acceptSandbox)
      } catch (error) {
        if (error instanceof GatewayError && error.kind === 'not_found') return null
        throw error
      }
    },

    async refund({ providerPaymentId, amount, reason }) {
      const before = await gateway.lookup(providerPaymentId)
      if (before.status === 'cancelled') return before
      const refundable = before.amount - before.cancelledAmount
      try {
        const answer = await call<PortOnePayment>('POST', '/payments/cancel', {
          imp_uid: providerPaymentId,
          amount: Math.min(amount, refundable),
          checksum: refundable,
          reason,
        })
        return toProviderPayment(answer.response!, acceptSandbox)
      } catch (error) {
        // A retried cancel whose first attempt went through is refused (checksum); the lookup tells the truth.
        if (error instanceof GatewayError && error.kind === 'rejected') {
          const after = await gateway.lookup(providerPaymentId)
          if (after.status === 'cancelled') return after
        }
        throw error
      }
    },

    parseWebhook(body) {
      const b = body as { imp_uid?: unknown; merchant_uid?: unknown } | null
      if (typeof b?.imp_uid !== 'string' || typeof b.merchant_uid !== 'string') return null
      if (b.imp_uid.length > 200 || b.merchant_uid.length > 200) return null
      return { providerPaymentId: b.imp_uid, merchantUid: b.merchant_uid }
    },
  }
  return gateway
}
