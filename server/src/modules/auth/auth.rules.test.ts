// What a password must be: long enough, not common, not built on the account's own email or name; and which
// addresses are one mailbox.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mailboxKey, passwordProblem } from './auth.rules.ts'

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

describe('mailbox keys: one account per mailbox', () => {
  it("folds the big providers' aliases and nothing else", () => {
    expect(mailboxKey(' Min.Ji+sale@GoogleMail.com ')).toBe('minji@gmail.com')
    expect(mailboxKey('minji+a+b@outlook.com')).toBe('minji@outlook.com')
    expect(mailboxKey('min.ji+x@outlook.com')).toBe('min.ji@outlook.com') // dots matter at Outlook
    expect(mailboxKey('minji+1@me.com')).toBe('minji@icloud.com')
    // Elsewhere a "+" may be part of the address, and Naver has no aliases: only case is folded.
    expect(mailboxKey('min.ji+x@naver.com')).toBe('min.ji+x@naver.com')
    expect(mailboxKey('Fan@Example.COM')).toBe('fan@example.com')
    // A local part that is all tag keeps itself rather than become empty.
    expect(mailboxKey('+only@gmail.com')).toBe('+only@gmail.com')
  })

  it('any dots and +tag on a Gmail address reach the same key', () => {
    const local = fc.stringMatching(/^[a-z0-9]{1,12}$/)
    fc.assert(
      fc.property(
        local,
        fc.array(fc.nat(12), { maxLength: 4 }),
        fc.stringMatching(/^[a-z0-9.]{0,8}$/),
        (name, dots, tag) => {
          const dotted = [...name].map((c, i) => (dots.includes(i) && i > 0 ? `.${c}` : c)).join('')
          const address = `${dotted}${tag ? `+${tag}` : ''}@gmail.com`
          expect(mailboxKey(address)).toBe(`${name}@gmail.com`)
          expect(mailboxKey(address.toUpperCase())).toBe(`${name}@gmail.com`)
        },
      ),
    )
  })
})
