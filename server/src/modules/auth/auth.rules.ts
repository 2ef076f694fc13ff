// Pure account rules: how emails compare, what a password must be, how fast one may try.
import type { RateRule } from '../../http/rate-limit.ts'

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

/** Returns why the password is unacceptable, or null. Length matters most (NIST SP 800-63B). */
export function passwordProblem(password: string, email: string): string | null {
  if ([...password].length < 8) return 'must be at least 8 characters'
  if (normalizeEmail(password) === normalizeEmail(email)) return 'must not be the email address'
  if (/^(.)\1+$/u.test(password)) return 'must not repeat one character'
  return null
}

export const RATE_RULES = {
  signupPerIp: { limit: 10, windowMs: 60_000 },
  signupPerEmail: { limit: 3, windowMs: 60_000 },
  loginPerIp: { limit: 30, windowMs: 60_000 },
  loginPerAccount: { limit: 10, windowMs: 60_000 },
  refreshPerIp: { limit: 60, windowMs: 60_000 },
} satisfies Record<string, RateRule>
