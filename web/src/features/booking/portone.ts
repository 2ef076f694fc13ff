// Paying through PortOne V1's browser SDK (window.IMP). The server's checkout answer names the SDK's URL (the CSP
// allows that origin only in portone mode) and the arguments of IMP.request_pay; the SDK opens the PG's window
// itself and calls back with the payment's imp_uid, which /complete then verifies with PortOne server-side.
// On phones most PGs leave our page for their own instead: the callback is lost with the page, and the PG sends the
// browser back to `m_redirect_url` with `imp_uid` and `merchant_uid` added to its query (portOneReturn reads them).
import { ApiError } from '../../api/client.ts'
import type { CheckoutAnswer } from './checkout.ts'

export interface PortOneCheckout {
  sdkUrl: string
  impCode: string
  pg?: string
  channelKey?: string
  merchantUid: string
  amount: number
  name: string
  buyerEmail?: string
  buyerName?: string
}

interface PortOneResponse {
  success?: boolean
  imp_uid?: string | null
  merchant_uid?: string
  error_code?: string | null
  error_msg?: string | null
}

export interface PortOneSdk {
  init(impCode: string): void
  request_pay(params: Record<string, unknown>, callback: (rsp: PortOneResponse) => void): void
  certification(params: Record<string, unknown>, callback: (rsp: PortOneResponse) => void): void
}

declare global {
  interface Window {
    IMP?: PortOneSdk
  }
}

/** The server marks a PortOne checkout by its provider name and the SDK arguments it carries. */
export function asPortOneCheckout(provider: string, checkout: Record<string, unknown>): PortOneCheckout | null {
  if (provider !== 'portone') return null
  const c = checkout as Partial<PortOneCheckout>
  return typeof c.sdkUrl === 'string' &&
    typeof c.impCode === 'string' &&
    typeof c.merchantUid === 'string' &&
    typeof c.amount === 'number'
    ? (checkout as unknown as PortOneCheckout)
    : null
}

let pending: Promise<PortOneSdk> | null = null

/** Adds the SDK's script once: later calls find window.IMP, or share the load in flight; a failed load retries. */
export function loadPortOneSdk(url: string): Promise<PortOneSdk> {
  if (window.IMP) return Promise.resolve(window.IMP)
  pending ??= new Promise<PortOneSdk>((resolve, reject) => {
    const script = document.createElement('script')
    script.src = url
    script.async = true
    script.onload = () => (window.IMP ? resolve(window.IMP) : reject(new Error('IMP missing after load')))
    script.onerror = () => reject(new Error(`could not load ${url}`))
    document.head.append(script)
  })
    .catch((error: unknown) => {
      throw new ApiError(503, 'payment.sdk_unavailable', error instanceof Error ? error.message : String(error))
    })
    .finally(() => {
      pending = null
    })
  return pending
}

/** The store code each loaded SDK was initialised with. */
const initialised = new WeakMap<PortOneSdk, string>()

/** The SDK, loaded and initialised for the store: PortOne's guide says IMP.init once per page, not every time. */
export async function portOneFor(sdkUrl: string, impCode: string): Promise<PortOneSdk> {
  const IMP = await loadPortOneSdk(sdkUrl)
  if (initialised.get(IMP) !== impCode) {
    IMP.init(impCode)
    initialised.set(IMP, impCode)
  }
  return IMP
}

/**
 * Opens PortOne's payment window; resolves with the imp_uid to complete, or rejects with PortOne's reason. Where the
 * PG redirects instead (phones), the browser comes back to `returnUrl` and this promise never settles.
 */
export async function payWithPortOne(
  checkout: PortOneCheckout,
  returnUrl: string,
  buyerTel: string,
): Promise<CheckoutAnswer> {
  const IMP = await portOneFor(checkout.sdkUrl, checkout.impCode)
  return new Promise((resolve, reject) => {
    IMP.request_pay(
      {
        // channelKey names the store's PG channel; `pg` is its deprecated predecessor, for stores still set up so.
        ...(checkout.channelKey ? { channelKey: checkout.channelKey } : checkout.pg ? { pg: checkout.pg } : {}),
        pay_method: 'card',
        merchant_uid: checkout.merchantUid,
        name: checkout.name,
        amount: checkout.amount,
        ...(checkout.buyerEmail ? { buyer_email: checkout.buyerEmail } : {}),
        ...(checkout.buyerName ? { buyer_name: checkout.buyerName } : {}),
        // Several PGs (KG이니시스 among them) require it; it goes to the PG and is never sent to our server.
        buyer_tel: buyerTel,
        m_redirect_url: returnUrl,
      },
      (rsp) => {
        // Older SDK versions omit `success` on some PGs; an imp_uid without an error means the window finished.
        if (rsp.imp_uid && (rsp.success || (rsp.success === undefined && !rsp.error_code)))
          return resolve({ providerPaymentId: rsp.imp_uid, status: 'paid' })
        // A 4xx-like ApiError with an unknown code shows PortOne's own words (errorMessage falls back to them).
        reject(new ApiError(402, 'payment.portone_failed', rsp.error_msg || 'PortOne: payment not completed'))
      },
    )
  })
}

/** What a PG's redirect back to `m_redirect_url` carries: our payment id and PortOne's, or PortOne's reason it failed. */
export type PortOneReturn =
  | { kind: 'complete'; paymentId: string; providerPaymentId: string }
  | { kind: 'failed'; message: string }

/**
 * Reads a return from PortOne off the page's query: `imp_uid` and `merchant_uid` (always), and on newer SDKs
 * `imp_success` / `error_msg`. An explicit failure is shown, not completed; anything else goes to /complete, where
 * the server asks PortOne what really happened.
 */
export function portOneReturn(query: URLSearchParams): PortOneReturn | null {
  const impUid = query.get('imp_uid')
  const merchantUid = query.get('merchant_uid')
  if (!impUid || !merchantUid) return null
  if (query.get('imp_success') === 'false' || query.get('success') === 'false')
    return { kind: 'failed', message: query.get('error_msg') || 'PortOne: payment not completed' }
  return { kind: 'complete', paymentId: merchantUid, providerPaymentId: impUid }
}
