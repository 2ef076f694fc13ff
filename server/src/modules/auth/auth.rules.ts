// Pure account rules: how emails compare, what a password must be, how fast one may try.
import { dictionary } from '@zxcvbn-ts/language-common'
import type { RateRule } from '../../kernel/rate-limit.ts'

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

/** Providers whose mailboxes ignore a `+tag`, and (Gmail) dots in the local part; aliases of one domain map to it. */
const MAILBOX_RULES: Record<string, { domain: string; dots?: true }> = {
  'gmail.com': { domain: 'gmail.com', dots: true },
  'googlemail.com': { domain: 'gmail.com', dots: true },
  'outlook.com': { domain: 'outlook.com' },
  'hotmail.com': { domain: 'hotmail.com' },
  'live.com': { domain: 'live.com' },
  'icloud.com': { domain: 'icloud.com' },
  'me.com': { domain: 'icloud.com' },
  'mac.com': { domain: 'icloud.com' },
  'proton.me': { domain: 'proton.me' },
  'protonmail.com': { domain: 'proton.me' },
  'fastmail.com': { domain: 'fastmail.com' },
}

/**
 * The mailbox an address delivers to, for uniqueness: `A.B+sale@GoogleMail.com` and `ab@gmail.com` are one account.
 * Only the big providers' documented rules; any other address is only lower-cased (a `+` there may be literal).
 * The address as typed is what mail goes to.
 */
export function mailboxKey(email: string): string {
  const address = normalizeEmail(email)
  const at = address.lastIndexOf('@')
  const rule = MAILBOX_RULES[address.slice(at + 1)]
  if (at < 1 || !rule) return address
  let local = address.slice(0, at).split('+')[0]!
  if (rule.dots) local = local.replaceAll('.', '')
  return `${local || address.slice(0, at)}@${rule.domain}`
}

export const PASSWORD_LENGTH = { min: 8, max: 128 }

// zxcvbn-ts's list of the most common passwords (49,233 of them, from leaked sets); only those long enough to pass
// the length rule need checking.
let common: Set<string> | undefined
const commonPasswords = () =>
  (common ??= new Set(dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_LENGTH.min)))

export interface PasswordProblem {
  code: `password.${string}`
  message: string
}

/**
 * Why the password is unacceptable, or null (NIST SP 800-63B §3.1.1.2): 8–128 characters, not a known common
 * password, and not built on the account's own email or name. No composition rules: they make passwords neither
 * longer nor less guessable.
 */
export function passwordProblem(password: string, email: string, name = ''): PasswordProblem | null {
  const length = [...password].length
  if (length < PASSWORD_LENGTH.min)
    return { code: 'password.too_short', message: `must be at least ${PASSWORD_LENGTH.min} characters` }
  if (length > PASSWORD_LENGTH.max)
    return { code: 'password.too_long', message: `must be at most ${PASSWORD_LENGTH.max} characters` }
  const folded = password.toLowerCase().replace(/\s+/g, '')
  if (/^(.)\1+$/u.test(folded) || commonPasswords().has(password.toLowerCase()))
    return { code: 'password.common', message: 'is one of the most common passwords' }
  const local = normalizeEmail(email).split('@')[0] ?? ''
  if (local.length >= 3 && folded.includes(local.replace(/\s+/g, '')))
    return { code: 'password.contains_email', message: 'must not contain the email address' }
  const ownName = name.toLowerCase().replace(/\s+/g, '')
  if ([...ownName].length >= 2 && folded.includes(ownName))
    return { code: 'password.contains_name', message: 'must not contain the name' }
  return null
}

export const RATE_RULES = {
  signupPerIp: { limit: 10, windowMs: 60_000 },
  signupPerEmail: { limit: 3, windowMs: 60_000 },
  loginPerIp: { limit: 30, windowMs: 60_000 },
  // Wrong passwords are slowed per (account, address) in auth.throttle.ts, never per account alone.
  closeAccountPerAccount: { limit: 10, windowMs: 60_000 },
  refreshPerIp: { limit: 60, windowMs: 60_000 },
} satisfies Record<string, RateRule>
