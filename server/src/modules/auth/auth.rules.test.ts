// What a password must be: long enough, not common, not built on the account's own email or name.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { passwordProblem } from './auth.rules.ts'

const EMAIL = 'minji.kim@example.com'
const NAME = '김민지'
const why = (password: string, name = NAME) => passwordProblem(password, EMAIL, name)?.code ?? null

describe('password rules', () => {
  it('takes 8 to 128 characters, counted as characters, not bytes', () => {
    expect(why('seven77')).toBe('password.too_short')
    expect(why('한국어비밀번호다')).toBeNull() // 8 characters, 24 bytes
    expect(why('x'.repeat(64) + 'y'.repeat(64))).toBeNull()
    expect(why('x'.repeat(65) + 'y'.repeat(64))).toBe('password.too_long')
  })

  it('refuses the common passwords of leaked lists, whatever their case', () => {
    for (const p of ['12345678', 'password', 'Password1', 'qwerty123', 'iloveyou', 'aaaaaaaaaa'])
      expect(why(p), p).toBe('password.common')
  })

  it('refuses passwords built on the email’s local part or the name', () => {
    expect(why('minji.kim2026')).toBe('password.contains_email')
    expect(why('MINJI.KIM!!')).toBe('password.contains_email')
    expect(why('김민지 사랑해요')).toBe('password.contains_name')
    expect(why('나는김 민지다!!')).toBe('password.contains_name')
  })

  it('has no composition rules: a long lowercase phrase passes', () => {
    expect(why('the tram to busan leaves at nine')).toBeNull()
  })

  it('accepts any long random password (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 20, maxLength: 60, unit: 'grapheme-ascii' }), (p) => {
        fc.pre(!/^(.)\1+$/.test(p) && !/minji\.kim/i.test(p))
        expect(why(p, '')).toBeNull()
      }),
    )
  })
})
