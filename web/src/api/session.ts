// Tokens: the access token lives in memory only; the rotating refresh token in localStorage so a reload keeps the
// login. Every tab shares one refresh chain: refreshing happens under a Web Lock and re-reads the stored token, so two
// tabs never present the same refresh token (which the server treats as theft and revokes the login).
const REFRESH_KEY = 'tt.refresh'

export interface Tokens {
  accessToken: string
  refreshToken: string
}

let accessToken: string | null = null
let accessExpiresAt = 0
const listeners = new Set<() => void>()

function decodeExp(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')))
    return typeof payload.exp === 'number' ? payload.exp * 1000 : 0
  } catch {
    return 0
  }
}

export function storedRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY)
  } catch {
    return null
  }
}

export function saveTokens(tokens: Tokens) {
  accessToken = tokens.accessToken
  accessExpiresAt = decodeExp(tokens.accessToken)
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken)
}

export function clearTokens() {
  accessToken = null
  accessExpiresAt = 0
  localStorage.removeItem(REFRESH_KEY)
  for (const l of listeners) l()
}

/** Called when the login ends without the user asking (refresh refused): the UI shows the logged-out state. */
export function onSessionEnded(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** A usable access token, refreshed silently when it is missing or about to expire; null when logged out. */
export async function currentAccessToken(forceRefresh = false): Promise<string | null> {
  if (!forceRefresh && accessToken && accessExpiresAt - Date.now() > 30_000) return accessToken
  if (!storedRefreshToken()) return null
  return refreshOnce()
}

let inflight: Promise<string | null> | null = null
function refreshOnce(): Promise<string | null> {
  inflight ??= withLock(doRefresh).finally(() => {
    inflight = null
  })
  return inflight
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined
  return locks ? locks.request('tt.refresh', fn) : fn()
}

async function doRefresh(): Promise<string | null> {
  // Read inside the lock: another tab may have rotated it while this one waited, and only the newest one is valid.
  const refreshToken = storedRefreshToken()
  if (!refreshToken) return null
  const res = await fetch('/api/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken }),
  })
  if (res.status === 401 || res.status === 400) {
    // Refused only if no other tab rotated it meanwhile.
    if (storedRefreshToken() === refreshToken) clearTokens()
    return null
  }
  // Busy or down (5xx, 429): keep the login and let the caller retry.
  if (!res.ok) throw new Error(`refresh failed: ${res.status}`)
  const tokens = (await res.json()) as Tokens
  saveTokens(tokens)
  return tokens.accessToken
}
