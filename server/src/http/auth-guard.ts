// Who is calling: the account always comes from the verified access token, never from a body.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { forbidden, unauthorized } from '../kernel/app-error.ts'

export type UserRole = 'user' | 'organizer' | 'staff' | 'admin'

export interface Principal {
  userId: string
  role: UserRole
}

export type AccessTokenVerifier = (token: string) => Promise<Principal>

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
  }
}

/** A preHandler that requires a valid bearer token and, when given, one of the roles. */
export function requireAuth(verify: AccessTokenVerifier, roles?: readonly UserRole[]) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
    if (!match) throw unauthorized('auth.token_missing', 'A bearer access token is required')
    const principal = await verify(match[1]!)
    if (roles && !roles.includes(principal.role)) throw forbidden()
    request.principal = principal
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized()
  return request.principal
}
