// Paying through the provider's window. For the built-in `test` provider, checkout.url is a same-origin page whose
// Approve/Decline answer carries the providerPaymentId: we read it from the window (postMessage, or what the page
// shows after its form posts). If the window cannot open (popup blocked), the caller posts the decision
// itself, exactly as the page would.
export interface CheckoutAnswer {
  providerPaymentId: string
  status: string
}

function asAnswer(value: unknown): CheckoutAnswer | null {
  const v = value as Partial<CheckoutAnswer> | null
  return v && typeof v === 'object' && typeof v.providerPaymentId === 'string'
    ? { providerPaymentId: v.providerPaymentId, status: String(v.status ?? '') }
    : null
}

/** Opens a blank window now (inside the click, so it is not blocked); its address is set once known. */
export function openCheckoutWindow(): Window | null {
  return window.open('', 'tt-checkout', 'popup,width=480,height=720')
}

/** Resolves with the provider's answer, or null when the payer closes the window without one. */
export function awaitCheckout(popup: Window, url: string, signal: AbortSignal): Promise<CheckoutAnswer | null> {
  popup.location.href = url
  return new Promise((resolve) => {
    const finish = (answer: CheckoutAnswer | null) => {
      clearInterval(timer)
      window.removeEventListener('message', onMessage)
      if (!popup.closed) popup.close()
      resolve(answer)
    }
    const onMessage = (e: MessageEvent) => {
      if (e.origin !== window.location.origin) return
      const answer = asAnswer(e.data)
      if (answer) finish(answer)
    }
    window.addEventListener('message', onMessage)
    signal.addEventListener('abort', () => finish(null))
    // Watches the window itself (same origin, no network): closed, or showing the answer — the test page's
    // HTML answer (#provider-payment-id) or a JSON body.
    const timer = setInterval(() => {
      if (popup.closed) return finish(null)
      try {
        const doc = popup.document
        const id = doc.getElementById('provider-payment-id')?.textContent?.trim()
        if (id) return finish({ providerPaymentId: id, status: '' })
        const text = doc.body?.textContent?.trim() ?? ''
        if (text.startsWith('{')) {
          const answer = asAnswer(JSON.parse(text))
          if (answer) finish(answer)
        }
      } catch {}
    }, 300)
  })
}

/** What the test checkout page does on a click, for when no window could be opened. */
export async function postDecision(url: string, decision: 'approve' | 'decline'): Promise<CheckoutAnswer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ decision }),
  })
  const answer = asAnswer(await res.json().catch(() => null))
  if (!res.ok || !answer) throw new Error(`checkout answered ${res.status}`)
  return answer
}
