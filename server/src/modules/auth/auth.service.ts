// The account story: sign up, log in, rotate refresh tokens (a replayed one revokes its whole login), log out.
import { hash, verify } from '@node-rs/argon2'
import type { Db } from '../../adapters/db/database.ts'
import type { Principal, UserRole } from '../../http/auth-guard.ts'
import type { RateLimiter } from '../../http/rate-limit.ts'
import { conflict } from '../../kernel/app-error.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import { emailTaken, invalidCredentials, invalidRefreshToken, userNotFound, weakPassword } from './auth.errors.ts'
import { authRepository as repo, type UserRow } from './auth.repository.ts'
import { normalizeEmail, passwordProblem, RATE_RULES, REFRESH_TOKEN_TTL_MS } from './auth.rules.ts'
import { type AccessTokens, hashesEqual, newRefreshToken, parseRefreshToken, sha256 } from './auth.tokens.ts'

/** argon2id parameters; OWASP's minimum (19 MiB, 2 passes) by default. */
export interface PasswordHashing {
  memoryCost: number
  timeCost: number
  parallelism: number
}
export const OWASP_ARGON2ID: PasswordHashing = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }

export interface AuthDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  tokens: AccessTokens
  rateLimit: RateLimiter
  hashing: PasswordHashing
}

export interface UserView {
  id: string
  email: string
  name: string
  role: UserRole
  createdAt: string
}

export interface Session {
  user: UserView
  accessToken: string
  refreshToken: string
}

export const toUserView = (u: UserRow): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
})

export function createAuthService(deps: AuthDeps) {
  const { db, clock, newId, tokens, rateLimit } = deps
  const argon = { algorithm: 2 as const, ...deps.hashing } // 2 = Argon2id
  // Verified against when the email is unknown, so both paths take the same time.
  const decoyHash = hash('decoy password that never matches', argon)
  const nowSeconds = () => Math.floor(clock.now().getTime() / 1000)

  async function issue(user: UserRow, familyId: string): Promise<{ accessToken: string; refreshToken: string }> {
    const id = newId()
    const refresh = newRefreshToken(id)
    await repo.insertRefreshToken(db, {
      id,
      userId: user.id,
      familyId,
      tokenHash: refresh.hash,
      expiresAt: new Date(clock.now().getTime() + REFRESH_TOKEN_TTL_MS),
    })
    const accessToken = await tokens.sign({ userId: user.id, role: user.role }, nowSeconds())
    return { accessToken, refreshToken: refresh.token }
  }

  async function createUser(input: { email: string; password: string; name: string; role?: UserRole }) {
    const email = normalizeEmail(input.email)
    const problem = passwordProblem(input.password, email)
    if (problem) throw weakPassword(problem)
    const user = await repo.insertUser(db, {
      id: newId(),
      email,
      name: input.name.trim(),
      passwordHash: await hash(input.password, argon),
      role: input.role ?? 'user',
    })
    if (!user) throw emailTaken()
    return user
  }

  return {
    createUser,

    async signup(input: { email: string; password: string; name: string }, ip: string): Promise<Session> {
      await rateLimit('signup-ip', ip, RATE_RULES.signupPerIp)
      await rateLimit('signup-email', normalizeEmail(input.email), RATE_RULES.signupPerEmail)
      // Signup never lets a caller choose a role.
      const user = await createUser({ email: input.email, password: input.password, name: input.name })
      return { user: toUserView(user), ...(await issue(user, newId())) }
    },

    async login(input: { email: string; password: string }, ip: string): Promise<Session> {
      const email = normalizeEmail(input.email)
      await rateLimit('login-ip', ip, RATE_RULES.loginPerIp)
      await rateLimit('login-account', email, RATE_RULES.loginPerAccount)
      const user = await repo.userByEmail(db, email)
      const ok = await verify(user?.passwordHash ?? (await decoyHash), input.password)
      if (!user || !ok) throw invalidCredentials()
      return { user: toUserView(user), ...(await issue(user, newId())) }
    },

    async refresh(refreshToken: string, ip: string) {
      await rateLimit('refresh-ip', ip, RATE_RULES.refreshPerIp)
      const parsed = parseRefreshToken(refreshToken)
      if (!parsed) throw invalidRefreshToken()
      const now = clock.now()
      const outcome = await db.transaction(async (tx) => {
        const row = await repo.refreshTokenForUpdate(tx, parsed.id)
        if (!row || !hashesEqual(row.tokenHash, sha256(parsed.secret))) return { kind: 'invalid' as const }
        if (row.usedAt || row.revokedAt) {
          // A used token came back: someone holds a copy. End the whole login, for both holders.
          await repo.revokeFamily(tx, row.familyId, now)
          return { kind: 'reused' as const }
        }
        if (row.expiresAt <= now) return { kind: 'invalid' as const }
        await repo.markUsed(tx, row.id, now)
        return { kind: 'ok' as const, row }
      })
      if (outcome.kind !== 'ok') throw invalidRefreshToken()
      const user = await repo.userById(db, outcome.row.userId)
      if (!user) throw invalidRefreshToken()
      return issue(user, outcome.row.familyId)
    },

    async logout(refreshToken: string) {
      const parsed = parseRefreshToken(refreshToken)
      if (!parsed) return
      await db.transaction(async (tx) => {
        const row = await repo.refreshTokenForUpdate(tx, parsed.id)
        if (row && hashesEqual(row.tokenHash, sha256(parsed.secret)))
          await repo.revokeFamily(tx, row.familyId, clock.now())
      })
    },

    async me(principal: Principal): Promise<UserView> {
      const user = await repo.userById(db, principal.userId)
      if (!user) throw userNotFound()
      return toUserView(user)
    },

    async listUsers(filter: { q?: string; role?: UserRole; cursor?: string; limit: number }) {
      const before = filter.cursor ? Buffer.from(filter.cursor, 'base64url').toString() : undefined
      const rows = await repo.listUsers(db, { ...filter, ...(before ? { before } : {}) })
      const items = rows.slice(0, filter.limit).map(toUserView)
      const last = items.at(-1)
      const nextCursor = rows.length > filter.limit && last ? Buffer.from(last.id).toString('base64url') : null
      return { items, nextCursor }
    },

    async setRole(actor: Principal, userId: string, role: UserRole): Promise<UserView> {
      if (actor.userId === userId) throw conflict('auth.own_role', 'Admins cannot change their own role')
      const user = await repo.setRole(db, userId, role)
      if (!user) throw userNotFound()
      return toUserView(user)
    },

    /** ADMIN_EMAIL/ADMIN_PASSWORD: make sure this admin exists, with this password. */
    async ensureAdmin(email: string, password: string, name = 'Administrator') {
      const existing = await repo.userByEmail(db, normalizeEmail(email))
      if (!existing) return createUser({ email, password, name, role: 'admin' })
      if (existing.role !== 'admin') await repo.setRole(db, existing.id, 'admin')
      if (!(await verify(existing.passwordHash, password))) {
        const problem = passwordProblem(password, existing.email)
        if (problem) throw weakPassword(problem)
        await repo.setPassword(db, existing.id, await hash(password, argon))
      }
      return existing
    },

    verifyAccessToken: (token: string) => tokens.verify(token, nowSeconds()),
  }
}

export type AuthService = ReturnType<typeof createAuthService>
