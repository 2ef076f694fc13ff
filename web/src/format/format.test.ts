import { describe, expect, test } from 'vitest'
import { formatCountdown, formatDateTime, formatEta, formatPrice, fromSeoulInput, toSeoulInput } from './format.ts'

describe('Korean formatting', () => {
  test('prices are whole won with the ₩ sign and thousands separators', () => {
    expect(formatPrice(165000)).toBe('₩165,000')
    expect(formatPrice(0)).toBe('₩0')
  })

  test('times show in Asia/Seoul whatever the device zone', () => {
    // 10:00 UTC is 19:00 in Seoul, the same calendar day.
    const text = formatDateTime('2026-12-24T10:00:00Z', 'ko')
    expect(text).toContain('2026년 12월 24일')
    expect(text).toMatch(/(오후|PM) 7:00/) // Node's ICU may lack the Korean day periods; browsers have them.
    expect(formatDateTime('2026-12-24T15:30:00Z', 'en')).toContain('25 December 2026')
  })

  test('countdowns show days, then hh:mm:ss, and never go negative', () => {
    expect(formatCountdown((2 * 86400 + 3 * 3600 + 4 * 60 + 5) * 1000, 'ko')).toBe('2일 03:04:05')
    expect(formatCountdown(65_000, 'en')).toBe('00:01:05')
    expect(formatCountdown(-5000, 'ko')).toBe('00:00:00')
  })

  test('ETAs are rough and say when unknown', () => {
    expect(formatEta(200, 'ko')).toBe('약 3분')
    expect(formatEta(12, 'en')).toBe('about 12 s')
    expect(formatEta(null, 'ko')).toBe('계산 중')
  })

  test('form times are Seoul wall times both ways', () => {
    expect(toSeoulInput('2026-05-01T11:00:00Z')).toBe('2026-05-01T20:00')
    expect(new Date(fromSeoulInput('2026-05-01T20:00')).toISOString()).toBe('2026-05-01T11:00:00.000Z')
  })
})
