// Account routes: thin handlers over the auth service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, IdParams } from '../../http/schemas.ts'
import { requireEmptyBody } from '../../http/validation.ts'
import {
  LoginBody,
  Me,
  PasswordBody,
  RefreshBody,
  Session,
  SignupBody,
  Tokens,
  User,
  UserChange,
  UserList,
  UserQuery,
} from './auth.schemas.ts'
import type { AuthService } from './auth.service.ts'

export function authRoutes(auth: AuthService) {
  const signedIn = requireAuth(auth.verifyAccessToken)
  const admin = requireAuth(auth.verifyAccessToken, ['admin'])

  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.post(
      '/api/auth/signup',
      {
        schema: {
          tags: ['auth'],
          summary: 'Create an account (role user) and log in',
          body: SignupBody,
          response: { 201: Session },
        },
      },
      async (request, reply) => {
        reply.status(201)
        return auth.signup(request.body, request.ip)
      },
    )
    app.post(
      '/api/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in with email and password',
          body: LoginBody,
          response: { 200: Session },
        },
      },
      async (request) => auth.login(request.body, request.ip),
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
      async (request) => auth.refresh(request.body.refreshToken, request.ip),
    )
    app.post(
      '/api/auth/logout',
      { schema: { tags: ['auth'], summary: 'End this login (revokes its refresh tokens)', body: RefreshBody } },
      async (request, reply) => {
        await auth.logout(request.body.refreshToken)
        return reply.status(204).send()
      },
    )
    app.post(
      '/api/auth/logout-all',
      {
        onRequest: signedIn,
        preValidation: requireEmptyBody,
        schema: {
          tags: ['auth'],
          summary: 'End every login of this account, this one included, at once (log out everywhere)',
          description: 'Takes no body, or an empty JSON object.',
          security: bearer,
        },
      },
      async (request, reply) => {
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
          body: PasswordBody,
        },
      },
      async (request, reply) => {
        await auth.deleteMe(principalOf(request), request.body.password)
        return reply.status(204).send()
      },
    )
    app.get(
      '/api/me',
      { onRequest: signedIn, schema: { tags: ['auth'], security: bearer, response: { 200: Me } } },
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
          querystring: UserQuery,
          response: { 200: UserList },
        },
      },
      async (request) => auth.listUsers(request.query),
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
          body: UserChange,
          response: { 200: User },
        },
      },
      async (request) => auth.updateUser(principalOf(request), request.params.id, request.body),
    )
  }
  return routes
}
