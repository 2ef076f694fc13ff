// Account routes: thin handlers over the auth service.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, Cursor, Email, Id, IdParams, Limit } from '../../http/schemas.ts'
import { badRequest } from '../../kernel/app-error.ts'
import type { AuthService } from './auth.service.ts'

const isPlainObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v)

const Role = Type.Union([Type.Literal('user'), Type.Literal('organizer'), Type.Literal('staff'), Type.Literal('admin')])
const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  createdAt: Type.String(),
  disabled: Type.Boolean({ description: 'Disabled by an admin: cannot log in, and its logins have ended' }),
})
const Tokens = Type.Object({ accessToken: Type.String(), refreshToken: Type.String() })
const SessionBody = Type.Object({ user: User, accessToken: Type.String(), refreshToken: Type.String() })
const Password = Type.String({ minLength: 1, maxLength: 200 })
const RefreshBody = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
const strict = { additionalProperties: false } as const

export function authRoutes(auth: AuthService) {
  const signedIn = requireAuth(auth.verifyAccessToken)
  const admin = requireAuth(auth.verifyAccessToken, ['admin'])

  return async (app: FastifyInstance) => {
    app.post(
      '/api/auth/signup',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create an account (role user) and log in',
          body: Type.Object(
            { email: Email, password: Password, name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) },
            strict,
          ),
          response: { 201: SessionBody },
        },
      },
      async (request, reply) => {
        const body = request.body as { email: string; password: string; name: string }
        reply.status(201)
        return auth.signup(body, request.ip)
      },
    )
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with email and password',
          body: Type.Object({ email: Email, password: Password }, strict),
          response: { 200: SessionBody },
        },
      },
      async (request) => auth.login(request.body as { email: string; password: string }, request.ip),
    )
    app.post(
      '/api/auth/refresh',
      {
        schema: {
          tags: ['auth'],
          summary: 'Exchange a refresh token for new tokens (rotation; a replayed token revokes the login)',
          body: RefreshBody,
          response: { 200: Tokens },
        },
      },
      async (request) => auth.refresh((request.body as { refreshToken: string }).refreshToken, request.ip),
    )
    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'End this login (revokes its refresh tokens)', body: RefreshBody } },
      async (request, reply) => {
        await auth.logout((request.body as { refreshToken: string }).refreshToken)
        return reply.status(204).send()
      },
    )
    app.post(
      '/api/auth/logout-all',
      {
        onRequest: signedIn,
        schema: {
          tags: ['auth'],
          summary: 'End every login of this account, this one included, at once (log out everywhere)',
          description: 'Takes no body, or an empty JSON object.',
          security: bearer,
        },
      },
      async (request, reply) => {
        const body = request.body
        const empty = body === undefined || (isPlainObject(body) && Object.keys(body).length === 0)
        if (!empty)
          throw badRequest('validation.failed', 'The request is not valid', [
            { path: 'body', message: 'must be empty' },
          ])
        await auth.logoutAll(principalOf(request))
        return reply.status(204).send()
      },
    )
    app.delete(
      '/api/me',
      {
        onRequest: signedIn,
        schema: {
          tags: ['auth'],
          summary: 'Close this account (회원탈퇴) with its password',
          description:
            'Every login ends at once. The email, name and password are erased; bookings and payments are kept ' +
            '(accounting law) without them. A wrong password is 401 `auth.invalid_credentials`.',
          security: bearer,
          body: Type.Object({ password: Password }, strict),
        },
      },
      async (request, reply) => {
        const { password } = request.body as { password: string }
        await auth.deleteMe(principalOf(request), password)
        return reply.status(204).send()
      },
    )
    app.get(
      '/api/me',
      { onRequest: signedIn, schema: { tags: ['auth'], security: bearer, response: { 200: User } } },
      async (request) => auth.me(principalOf(request)),
    )
    app.get(
      '/api/admin/users',
      {
        onRequest: admin,
        schema: {
          tags: ['admin'],
          summary: 'Find accounts: newest first, `q` matches email or name',
          security: bearer,
          querystring: Type.Object(
            {
              q: Type.Optional(Type.String({ maxLength: 200 })),
              role: Type.Optional(Role),
              limit: Limit,
              cursor: Type.Optional(Cursor),
            },
            strict,
          ),
          response: {
            200: Type.Object({ items: Type.Array(User), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
          },
        },
      },
      async (request) => {
        const query = request.query as {
          q?: string
          role?: 'user' | 'organizer' | 'staff' | 'admin'
          limit: number
          cursor?: string
        }
        return auth.listUsers(query)
      },
    )
    app.patch(
      '/api/admin/users/:id',
      {
        onRequest: admin,
        schema: {
          tags: ['admin'],
          summary: "Change an account's role, or disable it",
          description:
            'Either ends the account’s access tokens at once; the next request after a refresh carries the new ' +
            'role. Disabling also ends its refresh tokens and refuses its logins (403 `auth.account_disabled`).',
          security: bearer,
          params: IdParams,
          body: Type.Object(
            { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()) },
            { ...strict, minProperties: 1 },
          ),
          response: { 200: User },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string }
        const change = request.body as { role?: 'user' | 'organizer' | 'staff' | 'admin'; disabled?: boolean }
        return auth.updateUser(principalOf(request), id, change)
      },
    )
  }
}
