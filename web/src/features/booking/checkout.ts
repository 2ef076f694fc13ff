// The built-in `test` provider: its checkout URL takes the payer's decision, sent with the payer's own token (a
// leaked link lets nobody else decide), and answers the providerPaymentId that /complete then verifies.
import { api } from '../../api/client.ts'

export interface CheckoutAnswer {
  providerPaymentId: string
  status: string
}

export function decideTestPayment(url: string, decision: 'approve' | 'decline'): Promise<CheckoutAnswer> {
  return api<CheckoutAnswer>(url, { body: { decision } })
}
