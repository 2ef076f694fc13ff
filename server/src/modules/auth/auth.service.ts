// The account story: sign up, log in, rotate refresh tokens (a replayed one revokes its whole login), log out, and
// end sessions at once: logout, log out everywhere, a role change, disabling and closing the account all take
// effect on the very next request (auth.sessions.ts), not when the 15-minute access token expires.
import { randomUUID } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import type { Db, DbOrTx } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { Principal, UserRole } from '../../kernel/principal.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import {
  accountDisabled,
  emailTaken,
  invalidCredentials,
  invalidRefreshToken,
  invalidToken,
  ownRole,
  userNotFound,
  weakPassword,
} from './auth.errors.ts'
import { authRepository as repo, type UserRow } from './auth.repository.ts'
import { mailboxKey, normalizeEmail, passwordProblem, RATE_RULES, REFRESH_TOKEN_TTL_MS } from './auth.rules.ts'
import type {
  LoginInput,
  MeView,
  SessionView,
  SignupInput,
  UserFilter,
  UserPage,
  UserUpdate,
  UserView,
} from './auth.schemas.ts'
import type { Revocation, SessionRegistry } from './auth.sessions.ts'
import type { LoginThrottle } from './auth.throttle.ts'
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
  sessions: SessionRegistry
  throttle: LoginThrottle
  identity: IdentityPort
}

/** What auth asks of the identity module: whether an account is a verified person, and to free the person. */
export interface IdentityPort {
  /** `closedAccounts`: the person also closed an account before, whose places count for them. */
  identityOf(
    db: DbOrTx,
    userId: string,
  ): Promise<{ verifiedAt: Date; birthYear: number; closedAccounts: boolean } | null>
  release(tx: DbOrTx, userId: string, at: Date): Promise<void>
}

export const toUserView = (u: UserRow): UserView => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  createdAt: u.createdAt.toISOString(),
  disabled: u.disabledAt !== null,
})

export function createAuthService(deps: AuthDeps) {
  const { db, clock, newId, tokens, rateLimit, sessions, throttle } = deps
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
    const person = await deps.identity.identityOf(db, user.id)
    const accessToken = await tokens.sign(
      {
        userId: user.id,
        role: user.role,
        sessionId: familyId,
        version: user.sessionVersion,
        ...(person && { birthYear: person.birthYear }),
        ...(person?.closedAccounts && { closedAccounts: true }),
      },
      nowSeconds(),
    )
    return { accessToken, refreshToken: refresh.token }
  }

  /** Runs `change` in a transaction, records the sessions it ends, and announces them once committed. */
  async function endingSessions<T>(change: (tx: DbOrTx) => Promise<{ result: T; ended: Revocation[] }>) {
    const { result, ended } = await db.transaction(async (tx) => {
      const outcome = await change(tx)
      await sessions.record(tx, outcome.ended)
      return outcome
    })
    await sessions.announce(ended)
    return result
  }

  /** Changes the account, raising its session version: every access token it holds ends now. */
  async function changeEndingSessions(userId: string, change: Partial<UserRow>, alsoRefresh: boolean) {
    return endingSessions(async (tx) => {
      const user = await repo.updateAndEndSessions(tx, userId, change)
      if (!user) throw userNotFound()
      if (alsoRefresh) await repo.revokeAllFamilies(tx, userId, clock.now())
      return { result: user, ended: [{ userId, minVersion: user.sessionVersion }] }
    })
  }

  async function createUser(input: { email: string; password: string; name: string; role?: UserRole }) {
    const email = normalizeEmail(input.email)
    const problem = passwordProblem(input.password, email, input.name)
    if (problem) throw weakPassword(problem)
    const user = await repo.insertUser(db, {
      id: newId(),
      email,
      emailKey: mailboxKey(email),
      name: input.name.trim(),
      passwordHash: await hash(input.password, argon),
      role: input.role ?? 'user',
    })
    if (!user) throw emailTaken()
    return user
  }

  /** The account as its owner sees it: with whether it is a verified person. */
  async function meView(user: UserRow): Promise<MeView> {
    return { ...toUserView(user), identityVerified: (await deps.identity.identityOf(db, user.id)) !== null }
  }

  return {
    createUser,

    async signup(input: SignupInput, ip: string): Promise<SessionView> {
      await rateLimit('signup-ip', ip, RATE_RULES.signupPerIp)
      await rateLimit('signup-email', mailboxKey(input.email), RATE_RULES.signupPerEmail)
      // Signup never lets a caller choose a role.
      const user = await createUser({ email: input.email, password: input.password, name: input.name })
      return { user: { ...toUserView(user), identityVerified: false }, ...(await issue(user, newId())) }
    },

    async login(input: LoginInput, ip: string): Promise<SessionView> {
      const email = normalizeEmail(input.email)
      await rateLimit('login-ip', ip, RATE_RULES.loginPerIp)
      await throttle.check(email, ip)
      const user = await repo.userByEmail(db, email)
      const ok = await verify(user?.passwordHash ?? (await decoyHash), input.password)
      if (!user || !ok) {
        await throttle.failed(email, ip)
        throw invalidCredentials()
      }
      await throttle.succeeded(email, ip)
      // Said only to whoever knows the password, so it tells a stranger nothing.
      if (user.disabledAt) throw accountDisabled()
      return { user: await meView(user), ...(await issue(user, newId())) }
    },

    async refresh(refreshToken: string, ip: string) {
      await rateLimit('refresh-ip', ip, RATE_RULES.refreshPerIp)
      const parsed = parseRefreshToken(refreshToken)
      if (!parsed) throw invalidRefreshToken()
      const now = clock.now()
      const outcome = await endingSessions(async (tx) => {
        const row = await repo.refreshTokenForUpdate(tx, parsed.id)
        if (!row || !hashesEqual(row.tokenHash, sha256(parsed.secret))) return { result: null, ended: [] }
        if (row.usedAt || row.revokedAt) {
          // A used token came back: someone holds a copy. End the whole login, for both holders, access tokens too.
          await repo.revokeFamily(tx, row.familyId, now)
          return { result: null, ended: [{ userId: row.userId, familyId: row.familyId }] }
        }
        if (row.expiresAt <= now) return { result: null, ended: [] }
        await repo.markUsed(tx, row.id, now)
        return { result: row, ended: [] }
      })
      if (!outcome) throw invalidRefreshToken()
      const user = await repo.userById(db, outcome.userId)
      if (!user || user.disabledAt || user.deletedAt) throw invalidRefreshToken()
      return issue(user, outcome.familyId)
    },

    /** Ends this login: its refresh tokens and, at once, its access tokens. */
    async logout(refreshToken: string) {
      const parsed = parseRefreshToken(refreshToken)
      if (!parsed) return
      await endingSessions(async (tx) => {
        const row = await repo.refreshTokenForUpdate(tx, parsed.id)
        if (!row || !hashesEqual(row.tokenHash, sha256(parsed.secret))) return { result: null, ended: [] }
        await repo.revokeFamily(tx, row.familyId, clock.now())
        return { result: null, ended: [{ userId: row.userId, familyId: row.familyId }] }
      })
    },

    /** Ends every login of the caller's account, this one included. */
    async logoutAll(principal: Principal) {
      await changeEndingSessions(principal.userId, {}, true)
    },

    async me(principal: Principal): Promise<MeView> {
      const user = await repo.userById(db, principal.userId)
      if (!user || user.deletedAt) throw userNotFound()
      return meView(user)
    },

    /**
     * 회원탈퇴: the caller proves the password, and the account is closed. Email, name and password go (the row is
     * kept, pseudonymised, because bookings and payments must be kept for accounting law and point at it); every
     * login ends at once. The email is free to sign up again.
     */
    async deleteMe(principal: Principal, password: string) {
      await rateLimit('close-account', principal.userId, RATE_RULES.closeAccountPerAccount)
      const user = await repo.userById(db, principal.userId)
      if (!user || user.deletedAt) throw userNotFound()
      if (!(await verify(user.passwordHash, password))) throw invalidCredentials()
      const now = clock.now()
      await endingSessions(async (tx) => {
        const closed = await repo.updateAndEndSessions(tx, user.id, {
          email: `deleted-${user.id}@deleted.invalid`,
          emailKey: `deleted-${user.id}@deleted.invalid`,
          name: '탈퇴한 회원',
          passwordHash: `!closed:${randomUUID()}`,
          deletedAt: now,
          disabledAt: now,
        })
        if (!closed) throw userNotFound()
        await repo.deleteRefreshTokens(tx, user.id)
        // The person may verify another account now.
        await deps.identity.release(tx, user.id, now)
        return { result: null, ended: [{ userId: user.id, minVersion: closed.sessionVersion }] }
      })
    },

    async listUsers(filter: UserFilter): Promise<UserPage> {
      const before = filter.cursor ? Buffer.from(filter.cursor, 'base64url').toString() : undefined
      const rows = await repo.listUsers(db, { ...filter, ...(before ? { before } : {}) })
      const items = rows.slice(0, filter.limit).map(toUserView)
      const last = items.at(-1)
      const nextCursor = rows.length > filter.limit && last ? Buffer.from(last.id).toString('base64url') : null
      return { items, nextCursor }
    },

    /**
     * An admin changes another account's role or disables it. Either ends the account's access tokens at once (the
     * next request carries the new role after a refresh); disabling also ends its refresh tokens.
     */
    async updateUser(actor: Principal, userId: string, change: UserUpdate): Promise<UserView> {
      if (actor.userId === userId) throw ownRole()
      const update: Partial<UserRow> = {}
      if (change.role !== undefined) update.role = change.role
      if (change.disabled !== undefined) update.disabledAt = change.disabled ? clock.now() : null
      return toUserView(await changeEndingSessions(userId, update, change.disabled === true))
    },

    /** ADMIN_EMAIL/ADMIN_PASSWORD: make sure this admin exists, with this password. */
    async ensureAdmin(email: string, password: string, name = 'Administrator') {
      const existing = await repo.userByEmail(db, normalizeEmail(email))
      if (!existing) return createUser({ email, password, name, role: 'admin' })
      if (existing.role !== 'admin' || existing.disabledAt)
        await changeEndingSessions(existing.id, { role: 'admin', disabledAt: null }, false)
      if (!(await verify(existing.passwordHash, password))) {
        const problem = passwordProblem(password, existing.email, existing.name)
        if (problem) throw weakPassword(problem)
        await repo.setPassword(db, existing.id, await hash(password, argon))
      }
      return existing
    },

    /** Synchronous: the signature and expiry, then the ended sessions this process knows (a map lookup). */
    verifyAccessToken(token: string): Principal {
      const claims = tokens.verify(token, nowSeconds())
      if (sessions.isEnded(claims.userId, claims.sessionId, claims.version)) throw invalidToken()
      const principal: Principal = { userId: claims.userId, role: claims.role }
      if (claims.birthYear !== undefined) principal.birthYear = claims.birthYear
      if (claims.closedAccounts) principal.closedAccounts = true
      return principal
    },
  }
}

export type AuthService = ReturnType<typeof createAuthService>
