// The payment-gateway capability: what the payment module needs from any provider. The server never trusts a
// browser's word about money; it asks the provider (`lookup`) and gives money back through it (`refund`).

export type ProviderStatus = 'ready' | 'paid' | 'failed' | 'cancelled'

/** The provider's record of one payment, as it answers a lookup. */
export interface ProviderPayment {
  providerPaymentId: string
  /** Our payment id, as sent to the provider when the payment window opened. */
  merchantUid: string
  status: ProviderStatus
  /** What was actually taken. */
  amount: number
  cancelledAmount: number
  paidAt: Date | null
  /** The provider's answer as received, kept in the payment history. */
  raw: unknown
}

export interface CheckoutRequest {
  paymentId: string
  amount: number
  orderName: string
  /** `id`: the paying account (the test provider lets only it decide); name and e-mail for the PG's receipt. */
  buyer: { id: string; email?: string; name?: string }
}

/** A provider's notification: only a hint that something changed; the server verifies it with `lookup`. */
export interface WebhookHint {
  providerPaymentId: string
  merchantUid: string
}

export interface PaymentGateway {
  readonly name: 'test' | 'portone'
  /** What the browser needs to open the provider's payment window. */
  checkout(request: CheckoutRequest): Promise<Record<string, unknown>>
  lookup(providerPaymentId: string): Promise<ProviderPayment>
  /** The provider's payment for our order id, or null: for orders the browser never came back to complete. */
  findByMerchantUid(merchantUid: string): Promise<ProviderPayment | null>
  /** Full refund of what was taken. Safe to repeat: an already refunded payment answers as it stands. */
  refund(input: { providerPaymentId: string; amount: number; reason: string }): Promise<ProviderPayment>
  parseWebhook(body: unknown): WebhookHint | null
}

/**
 * `unavailable`: the provider did not answer usefully (5xx, timeout) — try again later.
 * `not_found`: no such payment at the provider. `rejected`: the provider refused the request.
 */
export class GatewayError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'not_found' | 'rejected',
    message: string,
  ) {
    super(message)
    this.name = 'GatewayError'
  }
}
