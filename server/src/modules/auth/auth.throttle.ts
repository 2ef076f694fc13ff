// Wrong passwords slow their sender down, never the account's owner. Failures are counted per (account, address)
// and per address; past a few free ones, each further failure closes that door for a growing while (1 s, 2 s,
// 4 s … up to 15 minutes). Nothing counts per account alone, so a stranger's guesses from elsewhere can never lock
// the owner out: a right password from another address still logs in.
import type { HotPath } from '../../adapters/hot-path/hot-path.ts'
import { tooManyRequests } from '../../kernel/app-error.ts'

export const LOGIN_THROTTLE = {
  /** Failures (account, address) before any delay: typos and a forgotten caps lock. */
  freeFailures: 5,
  /** Failures from one address over all accounts before it is slowed: carrier NAT puts many fans on one address. */
  freeAddressFailures: 50,
  firstDelayMs: 1_000,
  maxDelayMs: 15 * 60_000,
  /** How long failures are remembered. */
  windowMs: 24 * 60 * 60_000,
}

/** How long the door stays closed after the `failures`-th failure (0 while failures are free). */
export function loginDelayMs(failures: number, free: number): number {
  if (failures <= free) return 0
  const doublings = Math.min(failures - free - 1, 30)
  return Math.min(LOGIN_THROTTLE.firstDelayMs * 2 ** doublings, LOGIN_THROTTLE.maxDelayMs)
}

export function createLoginThrottle(hotPath: HotPath, enabled: boolean) {
  const keys = (email: string, ip: string) => ({
    pair: `login-fail:${ip}|${email}`,
    pairBlock: `login-block:${ip}|${email}`,
    address: `login-fail-ip:${ip}`,
    addressBlock: `login-block-ip:${ip}`,
  })
  return {
    /** 429 with Retry-After while this address is made to wait, for this account or for all. */
    async check(email: string, ip: string) {
      if (!enabled) return
      const k = keys(email, ip)
      const [pair, address] = await Promise.all([hotPath.peek(k.pairBlock), hotPath.peek(k.addressBlock)])
      const waitMs = Math.max(pair?.resetInMs ?? 0, address?.resetInMs ?? 0)
      if (waitMs > 0) throw tooManyRequests(Math.ceil(waitMs / 1000))
    },
    async failed(email: string, ip: string) {
      if (!enabled) return
      const k = keys(email, ip)
      const { windowMs, freeFailures, freeAddressFailures } = LOGIN_THROTTLE
      const [pair, address] = await Promise.all([hotPath.count(k.pair, windowMs), hotPath.count(k.address, windowMs)])
      const pairDelay = loginDelayMs(pair.count, freeFailures)
      const addressDelay = loginDelayMs(address.count, freeAddressFailures)
      // A block key's window is the delay itself; it is only ever opened while closed (check() came first).
      await Promise.all([
        pairDelay > 0 ? hotPath.count(k.pairBlock, pairDelay) : undefined,
        addressDelay > 0 ? hotPath.count(k.addressBlock, addressDelay) : undefined,
      ])
    },
    /** The right password: this address's failures for this account are forgiven. */
    async succeeded(email: string, ip: string) {
      if (!enabled) return
      await hotPath.forget(keys(email, ip).pair)
    },
  }
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>
