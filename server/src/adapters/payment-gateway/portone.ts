// PortOne V1 payments over the shared V1 client (adapters/portone-v1/client.ts): lookup by imp_uid, the paid payment of an
// order, cancel (refund), webhooks. A refund is guarded by PortOne's `checksum` (the refundable amount we believe is
// left), so a retried cancel can never refund twice.

import { createPortOneClient, type PortOneClientOptions } from '../portone-v1/client.ts'
import { GatewayError, type PaymentGateway, type ProviderPayment, type ProviderStatus } from './gateway.ts'

export interface PortOneOptions extends PortOneClientOptions {
  /** The store's identification code (imp…), for the browser's payment window. */
  impCode: string
  /** The PG channel for the payment window, e.g. `html5_inicis`. */
  pg?: string | undefined
  channelKey?: string | undefined
  /** Where the browser loads PortOne's V1 SDK (IMP) from; the CSP allows this origin's scripts. */
  sdkUrl?: string
  /**
   * Whether a test-channel payment (`sandbox: true`) counts. PortOne hides those from lookups unless asked
   * (`include_sandbox`, since 2026-01-26); we always ask, so they are seen, and only development accepts them:
   * elsewhere one is answered as failed, since no money moved.
   */
  acceptSandbox?: boolean
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
  const { call } = createPortOneClient(options)
  const acceptSandbox = options.acceptSandbox ?? false
  const sandboxToo = '?include_sandbox=true'

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
