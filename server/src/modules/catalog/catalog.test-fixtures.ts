// Test fixtures for the catalog's HTTP suites: organizer accounts and valid event bodies, made through the API.
import type { FastifyInstance } from 'fastify'
import { bearer, signup } from '../../../test/factories.ts'
import { type StorageKind, startTestApp, type TestApp } from '../../../test/harness.ts'
import type { Overrides } from '../../app.ts'

export const ADMIN = { email: 'root@example.com', password: 'admin-password-1' }
const DAY = 86_400_000

export function startCatalogApp(storage: StorageKind, env: Record<string, string> = {}, overrides: Overrides = {}) {
  return startTestApp(
    storage,
    { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, RATE_LIMITS: 'off', ...env },
    overrides,
  )
}

export async function adminToken(http: FastifyInstance) {
  const r = await http.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN })
  return r.json().accessToken as string
}

/** A new account promoted to organizer by the admin; returns its id and a token carrying the new role. */
export async function organizer(http: FastifyInstance) {
  const account = await signup(http, { name: '기획사' })
  const admin = await adminToken(http)
  await http.inject({
    method: 'PATCH',
    url: `/api/admin/users/${account.user.id}`,
    payload: { role: 'organizer' },
    headers: bearer(admin),
  })
  const refreshed = await http.inject({
    method: 'POST',
    url: '/api/auth/refresh',
    payload: { refreshToken: account.refreshToken },
  })
  return { id: account.user.id, token: refreshed.json().accessToken as string }
}

/** A valid event body, sale opening in a day unless `now` and overrides say otherwise. */
export function eventBody(overrides: Record<string, unknown> = {}, now = new Date()) {
  const at = (days: number) => new Date(now.getTime() + days * DAY).toISOString()
  return {
    title: '뮤지컬 〈레미제라블〉 - 부산',
    description: '빅토르 위고 원작의 대작 뮤지컬.',
    category: 'musical',
    performers: ['민우혁', '최재림'],
    venue: { name: '드림씨어터', city: '부산', address: '부산 남구 전포대로 133' },
    startsAt: at(30),
    endsAt: new Date(now.getTime() + 30 * DAY + 3 * 3600_000).toISOString(),
    saleOpensAt: at(1),
    saleClosesAt: at(29),
    perUserLimit: 4,
    paymentDeadline: { policy: 'minutes', minutes: 30 },
    grades: [
      { name: 'VIP석', price: 170_000, capacity: 100 },
      { name: 'R석', price: 140_000, capacity: 300 },
    ],
    ...overrides,
  }
}

export async function createEvent(app: TestApp, token: string, overrides: Record<string, unknown> = {}, now?: Date) {
  const r = await app.http.inject({
    method: 'POST',
    url: '/api/events',
    payload: eventBody(overrides, now),
    headers: bearer(token),
  })
  if (r.statusCode !== 201) throw new Error(`create event failed: ${r.statusCode} ${r.body}`)
  return r.json()
}
