// Factories that make test data through the public API, as a client would.
import type { FastifyInstance } from 'fastify'

let counter = 0
export const uniqueEmail = (prefix = 'fan') => `${prefix}${++counter}.${Date.now().toString(36)}@example.com`

export interface SignedUp {
  user: { id: string; email: string; name: string; role: string }
  accessToken: string
  refreshToken: string
  password: string
}

export async function signup(http: FastifyInstance, overrides: { email?: string; name?: string } = {}) {
  const password = 'correct horse battery'
  const response = await http.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { email: overrides.email ?? uniqueEmail(), password, name: overrides.name ?? '테스트 팬' },
  })
  if (response.statusCode !== 201) throw new Error(`signup failed: ${response.statusCode} ${response.body}`)
  return { ...(response.json() as Omit<SignedUp, 'password'>), password } as SignedUp
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

/** The fan's session refreshed, as the web app does: its new access token carries what changed (e.g. 본인인증). */
export async function refreshed(http: FastifyInstance, fan: SignedUp): Promise<SignedUp> {
  const response = await http.inject({
    method: 'POST',
    url: '/api/auth/refresh',
    payload: { refreshToken: fan.refreshToken },
  })
  if (response.statusCode !== 200) throw new Error(`refresh failed: ${response.statusCode} ${response.body}`)
  return { ...fan, ...response.json() }
}

/** 회원탈퇴: the fan closes their account with their password. */
export const closeAccount = (http: FastifyInstance, fan: SignedUp) =>
  http.inject({
    method: 'DELETE',
    url: '/api/me',
    headers: bearer(fan.accessToken),
    payload: { password: fan.password },
  })
