// Who is calling: the account always comes from the verified access token, never from a body.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify'
import { forbidden, tokenMissing, unauthorized } from '../kernel/app-error.ts'
import type { AccessTokenVerifier, Principal, UserRole } from '../kernel/principal.ts'

export type { AccessTokenVerifier, Principal, UserRole }

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
  }
}

const BEARER = /^Bearer\s+(\S+)$/i

/** The token of an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  return header ? BEARER.exec(header)?.[1] : undefined
}

/** Sets `request.principal` from the given token (by default the bearer header's); 401 without one, 403 outside `roles`. */
export function authenticate(
  request: FastifyRequest,
  verify: AccessTokenVerifier,
  roles?: readonly UserRole[],
  token = bearerToken(request),
): Principal {
  if (!token) throw tokenMissing()
  const principal = verify(token)
  if (roles && !roles.includes(principal.role)) throw forbidden()
  request.principal = principal
  return principal
}

/** An onRequest hook that requires a valid bearer token and, when given, one of the roles. */
export function requireAuth(verify: AccessTokenVerifier, roles?: readonly UserRole[]) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    try {
      authenticate(request, verify, roles)
    } catch (error) {
      done(error as Error)
      return
    }
    done()
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthorized()
  return request.principal
}
