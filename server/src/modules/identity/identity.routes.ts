// Identity routes: open a verification window, complete it. Thin handlers over the identity service.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, IdParams } from '../../http/schemas.ts'
import { requireEmptyBody } from '../../http/validation.ts'
import { CompleteBody, IdentityStatus, VerificationStarted } from './identity.schemas.ts'
import type { IdentityService } from './identity.service.ts'

export function identityRoutes(service: IdentityService, verify: AccessTokenVerifier) {
  const signedIn = requireAuth(verify)
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.post(
      '/api/me/identity-verifications',
      {
        onRequest: signedIn,
        preValidation: requireEmptyBody,
        schema: {
          tags: ['identity'],
          summary: 'Open a 본인인증 window with the identity provider',
          description:
            'The browser opens the provider’s window with `checkout`, then completes with the provider’s id of ' +
            'the verification. Takes no body (or `{}`). Limited per account and per address (429).',
          security: bearer,
          response: { 201: VerificationStarted },
        },
      },
      async (request, reply) => reply.status(201).send(await service.start(principalOf(request), request.ip)),
    )
    app.post(
      '/api/me/identity-verifications/:id/complete',
      {
        onRequest: signedIn,
        schema: {
          tags: ['identity'],
          summary: 'Complete a verification: the server asks the provider what it certified',
          description:
            'Kept: a keyed hash of the person’s CI, the birth year, the time; never the name, phone number or raw ' +
            'CI, and the provider is asked to delete its copy. One person per account and one account per person: ' +
            'the same person on another account → 409 `identity.already_linked` (closing that account releases ' +
            'them); this account already verified as someone else → 409 `identity.other_person`; not certified ' +
            '(unfinished, refused) → 422 `identity.not_certified`; another account’s verification → 404. Repeating ' +
            'a completed verification answers the same.',
          security: bearer,
          params: IdParams,
          body: CompleteBody,
          response: { 200: IdentityStatus },
        },
      },
      async (request) => service.complete(principalOf(request), request.params.id, request.body.providerVerificationId),
    )
  }
  return routes
}
