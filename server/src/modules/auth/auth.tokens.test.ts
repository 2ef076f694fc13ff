// Access tokens against tokens made by hand (node:crypto, not the library under test): what must verify and what not.
import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { ACCESS_TOKEN_TTL_SECONDS } from './auth.rules.ts'
import { createAccessTokens } from './auth.tokens.ts'

const SECRET = 'a-test-secret-that-is-long-enough-0123456789'
const NOW = 1_800_000_000
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

function craft(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) {
  const input = `${b64(header)}.${b64(payload)}`
  const hash = header.alg === 'HS512' ? 'sha512' : 'sha256'
  return `${input}.${createHmac(hash, SECRET).update(input).digest('base64url')}`
}
const claims = { sub: 'user-1', role: 'user', iss: 'trusticket', iat: NOW, exp: NOW + 900, sid: 'login-1', sv: 3 }

describe('access tokens', () => {
  const tokens = createAccessTokens(SECRET)

  it('verifies its own tokens until they expire, and not from that second on', async () => {
    const token = await tokens.sign({ userId: 'user-1', role: 'organizer', sessionId: 's1', version: 2 }, NOW)
    const principal = { userId: 'user-1', role: 'organizer', sessionId: 's1', version: 2 }
    expect(tokens.verify(token, NOW)).toEqual(principal)
    expect(tokens.verify(token, NOW + ACCESS_TOKEN_TTL_SECONDS - 1)).toEqual(principal)
    expect(() => tokens.verify(token, NOW + ACCESS_TOKEN_TTL_SECONDS)).toThrow(
      expect.objectContaining({ code: 'auth.invalid_token' }),
    )
  })

  it('carries a verified person’s birth year, and none for an account that is not one', async () => {
    const person = await tokens.sign({ userId: 'u1', role: 'user', birthYear: 1999 }, NOW)
    expect(tokens.verify(person, NOW).birthYear).toBe(1999)
    const account = await tokens.sign({ userId: 'u2', role: 'user' }, NOW)
    expect(tokens.verify(account, NOW)).not.toHaveProperty('birthYear')
  })

  it('verifies a well-formed token made elsewhere with the same secret', async () => {
    expect(tokens.verify(craft(claims), NOW)).toEqual({
      userId: 'user-1',
      role: 'user',
      sessionId: 'login-1',
      version: 3,
    })
  })

  it.each([
    [
      'signed with another secret',
      () => createAccessTokens('another-secret-0123456789-0123456789').sign({ userId: 'user-1', role: 'user' }, NOW),
    ],
    [
      'with a payload changed after signing',
      async () => {
        const [h, , s] = craft(claims).split('.')
        return `${h}.${b64({ ...claims, role: 'admin' })}.${s}`
      },
    ],
    ['unsigned (alg none)', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`],
    ['signed with HS512', async () => craft(claims, { alg: 'HS512', typ: 'JWT' })],
    ['from another issuer', async () => craft({ ...claims, iss: 'someone-else' })],
    ['without an expiry', async () => craft({ ...claims, exp: undefined })],
    ['with an unknown role', async () => craft({ ...claims, role: 'root' })],
    ['without a subject', async () => craft({ ...claims, sub: undefined })],
    ['without its login', async () => craft({ ...claims, sid: undefined })],
    ['without a session version', async () => craft({ ...claims, sv: undefined })],
    ['with a session version that is not a whole number', async () => craft({ ...claims, sv: 1.5 })],
    ['with a birth year that is not a whole number', async () => craft({ ...claims, by: '1990' })],
    ['that is not a JWT at all', async () => 'not-a-token'],
  ])('refuses a token %s', async (_, make) => {
    const token = await make()
    expect(() => tokens.verify(token, NOW)).toThrow(
      expect.objectContaining({ code: 'auth.invalid_token', status: 401 }),
    )
  })
})
