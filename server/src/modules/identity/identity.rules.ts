// What identifies a person to us, and the limits on verifying.
import { createHmac } from 'node:crypto'
import type { RateRule } from '../../kernel/rate-limit.ts'

/** The keyed hash of a CI: equal for one person, useless without the key (a CI is guessable from nothing else). */
export const personHashOf = (key: string, uniqueKey: string) =>
  createHmac('sha256', key).update(uniqueKey, 'utf8').digest('base64url')

/** The year of a `YYYY-MM-DD` birth date, or null for anything else. */
export function birthYearOf(birthDate: string | null): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(birthDate ?? '')
  if (!m) return null
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  return real && year >= 1900 ? year : null
}

export const RATE_RULES = {
  /** Windows opened per account: a carrier verification costs the merchant money. */
  startPerAccount: { limit: 10, windowMs: 60 * 60_000 },
  startPerAddress: { limit: 30, windowMs: 60 * 60_000 },
  completePerAccount: { limit: 20, windowMs: 60 * 60_000 },
  /** One person linking account after account (close one, verify the next) is slowed down. */
  linksPerPerson: { limit: 3, windowMs: 24 * 60 * 60_000 },
} satisfies Record<string, RateRule>
