// The `test` provider's payment window. The decision (approve or decline) is posted to the checkout URL as JSON with
// the payer's own access token; another account's checkout is answered 404. The web app shows its own
// Approve/Decline dialog for it; the HTML page at the same URL only describes the payment (a plain page or form
// cannot carry the token), so a link to it that leaks lets nobody pay or decline for the payer.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { TEST_CHECKOUT_PATH, type TestGateway } from '../../adapters/payment-gateway/test.ts'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, OneOf } from '../../http/schemas.ts'
import { checkoutNotFound } from './payment.errors.ts'

const Params = Type.Object({ paymentId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) })
const Decision = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('decline')]),
    amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'what the payer paid' })),
  },
  { additionalProperties: false },
)
const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const won = (n: number) => `${n.toLocaleString('ko-KR')}원`

function page(title: string, body: string) {
  return `<!doctype html><html lang="ko"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}
button{font-size:1.1rem;padding:.6rem 1.4rem;margin-right:.5rem}</style></head><body>${body}</body></html>`
}

export function testCheckoutRoutes(gateway: TestGateway, verifyAccessToken: AccessTokenVerifier) {
  const payer = requireAuth(verifyAccessToken)
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.get(
      `${TEST_CHECKOUT_PATH}/:paymentId`,
      { schema: { tags: ['payment'], summary: 'The test provider’s payment window (HTML)', params: Params } },
      async (request, reply) => {
        const { paymentId } = request.params
        const window = await gateway.window(paymentId)
        if (!window) throw checkoutNotFound()
        const action = `${TEST_CHECKOUT_PATH}/${encodeURIComponent(paymentId)}`
        const html =
          window.status === 'ready'
            ? `<h1>테스트 결제 (Test payment)</h1><p>${escapeHtml(window.name)}</p><p><strong>${won(window.amount)}</strong></p>
<p>승인과 거절은 Trusticket 예매 화면에서 결제하는 본인만 할 수 있습니다. Only the payer approves or declines, from the
booking page (POST <code>${escapeHtml(action)}</code> with the payer's token).</p>
<p><small>실제 결제가 아닙니다. No money moves.</small></p>`
            : `<h1>이미 처리된 결제입니다 (Already ${escapeHtml(window.status)})</h1>`
        return reply.type('text/html; charset=utf-8').send(page('테스트 결제', html))
      },
    )

    app.post(
      `${TEST_CHECKOUT_PATH}/:paymentId`,
      {
        onRequest: payer,
        schema: {
          tags: ['payment'],
          summary: 'The payer’s decision in the test window → { providerPaymentId, status }',
          description: 'Only the account that prepared the payment may decide; anyone else gets 404.',
          security: bearer,
          params: Params,
          body: Decision,
          response: {
            200: Type.Object({
              providerPaymentId: Type.String(),
              status: OneOf(['ready', 'paid', 'failed', 'cancelled']),
            }),
          },
        },
      },
      async (request) => {
        const { paymentId } = request.params
        const { decision, amount } = request.body
        const result = await gateway.decide(paymentId, principalOf(request).userId, decision, amount)
        if (!result) throw checkoutNotFound()
        return result
      },
    )
  }
  return routes
}
