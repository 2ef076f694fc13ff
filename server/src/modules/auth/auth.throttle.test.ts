// A stranger's wrong passwords slow the stranger, never the owner.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type SignedUp, signup } from '../../../test/factories.ts'
import { startTestApp, type TestApp } from '../../../test/harness.ts'
import { manualClock } from '../../kernel/clock.ts'
import { LOGIN_THROTTLE, loginDelayMs } from './auth.throttle.ts'

describe('login delays', () => {
  it('are free for the first failures, then double from 1 s up to 15 minutes', () => {
    const free = LOGIN_THROTTLE.freeFailures
    const delays = Array.from({ length: 20 }, (_, i) => loginDelayMs(i + 1, free))
    expect(delays.slice(0, free)).toEqual([0, 0, 0, 0, 0])
    expect(delays.slice(free, free + 5)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000])
    expect(delays.at(-1)).toBe(15 * 60_000)
    expect(loginDelayMs(10_000, free)).toBe(15 * 60_000)
  })
})

describe('logging in under attack', () => {
  let app: TestApp
  let clock: ReturnType<typeof manualClock>
  let owner: SignedUp
  beforeEach(async () => {
    clock = manualClock(new Date('2026-12-02T12:00:00Z'))
    app = await startTestApp('pglite', {}, { clock })
    owner = await signup(app.http)
  })
  afterEach(() => app.close())

  const attempt = (password: string, remoteAddress: string) =>
    app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: owner.user.email, password },
      remoteAddress,
    })
  const STRANGER = '198.51.100.66'

  it('makes the guessing address wait longer after each failure past the free ones', async () => {
    const first = []
    for (let i = 0; i < LOGIN_THROTTLE.freeFailures + 1; i++) first.push((await attempt('guess', STRANGER)).statusCode)
    expect(first).toEqual([401, 401, 401, 401, 401, 401])
    const waits: number[] = []
    for (let round = 0; round < 4; round++) {
      const refused = await attempt('guess', STRANGER)
      expect(refused.statusCode).toBe(429)
      const wait = Number(refused.headers['retry-after'])
      waits.push(wait)
      clock.advance(wait * 1000)
      expect((await attempt('guess', STRANGER)).statusCode).toBe(401)
    }
    expect(waits).toEqual([1, 2, 4, 8])
    // While it waits, even the right password from that address waits: the address cannot test it.
    expect((await attempt(owner.password, STRANGER)).statusCode).toBe(429)
  })

  it('never locks the owner out: the right password from another address logs in at once', async () => {
    let waited = 0
    for (let i = 0; i < 25; i++) {
      const r = await attempt('guess', STRANGER)
      expect([401, 429]).toContain(r.statusCode)
      if (r.statusCode === 429) {
        waited++
        clock.advance(Number(r.headers['retry-after']) * 1000)
      }
    }
    expect(waited).toBeGreaterThan(0)
    const ownerLogin = await attempt(owner.password, '203.0.113.10')
    expect(ownerLogin.statusCode).toBe(200)
  })

  it('forgives an address its failures once it gives the right password', async () => {
    for (let i = 0; i < LOGIN_THROTTLE.freeFailures; i++) await attempt('typo', '203.0.113.10')
    expect((await attempt(owner.password, '203.0.113.10')).statusCode).toBe(200)
    const again = []
    for (let i = 0; i < LOGIN_THROTTLE.freeFailures; i++) again.push((await attempt('typo', '203.0.113.10')).statusCode)
    expect(again.every((s) => s === 401)).toBe(true)
  })

  it('slows one address guessing many accounts, and no other address', async () => {
    const others = await Promise.all([signup(app.http), signup(app.http)])
    let refused = 0
    for (let i = 0; i < LOGIN_THROTTLE.freeAddressFailures + 20; i++) {
      const target = [owner, ...others][i % 3]!
      const r = await app.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: `${i}${target.user.email}`, password: 'guess' },
        remoteAddress: STRANGER,
      })
      if (r.statusCode === 429) refused++
      else expect(r.statusCode).toBe(401)
      // 2.1 s apart: under the per-minute attempt limit, so every 429 here is the failures' delay.
      clock.advance(2_100)
    }
    expect(refused).toBeGreaterThan(0)
    const elsewhere = await attempt(owner.password, '203.0.113.11')
    expect(elsewhere.statusCode).toBe(200)
  })
})
