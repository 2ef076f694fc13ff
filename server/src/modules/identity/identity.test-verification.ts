// The `test` identity provider's window. A tester names the person (any string plays the CI) and a birth date, posted
// as JSON to the window's URL with the account's own token; another account's window is answered 404. The web app
// shows its own form for it; the HTML page at the same URL only says what it is.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { TEST_VERIFICATION_PATH, type TestIdentityProvider } from '../../adapters/identity-provider/test.ts'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, Id } from '../../http/schemas.ts'
import { testVerificationNotFound } from './identity.errors.ts'
import { TestCertifyBody } from './identity.schemas.ts'

const Params = Type.Object({ verificationId: Id }, { additionalProperties: false })

const PAGE = `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>테스트 본인인증</title></head><body style="font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto">
<h1>테스트 본인인증 (Test identity verification)</h1><p>실제 본인인증이 아닙니다. Trusticket 화면에서 이름 대신 쓸 사람
표시와 생년월일을 입력합니다. No carrier is asked: the account's own page posts <code>{ person, birthDate }</code> here
with its token.</p></body></html>`

export function testVerificationRoutes(provider: TestIdentityProvider, verify: AccessTokenVerifier) {
  const signedIn = requireAuth(verify)
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.get(
      `${TEST_VERIFICATION_PATH}/:verificationId`,
      { schema: { tags: ['identity'], summary: 'The test provider’s verification window (HTML)', params: Params } },
      async (request, reply) => {
        if (!(await provider.open(request.params.verificationId))) throw testVerificationNotFound()
        return reply.type('text/html; charset=utf-8').send(PAGE)
      },
    )
    app.post(
      `${TEST_VERIFICATION_PATH}/:verificationId`,
      {
        onRequest: signedIn,
        schema: {
          tags: ['identity'],
          summary: 'The tester names the person in the test window → { providerVerificationId }',
          description: 'Only the account that opened the window, and only once; anyone else gets 404.',
          security: bearer,
          params: Params,
          body: TestCertifyBody,
          response: { 200: Type.Object({ providerVerificationId: Type.String() }) },
        },
      },
      async (request) => {
        const { person, birthDate } = request.body
        const done = await provider.certify(
          request.params.verificationId,
          principalOf(request).userId,
          person,
          birthDate,
        )
        if (!done) throw testVerificationNotFound()
        return done
      },
    )
  }
  return routes
}
