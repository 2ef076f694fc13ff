// The `test` provider's payment window. The decision (approve or decline) is posted to the checkout URL with the
// payer's own access token, as JSON or form-encoded; another account's checkout is answered 404. The web app shows
// its own Approve/Decline dialog for it; the HTML page at the same URL only describes the payment (a plain page
// cannot carry the token), so a link to it that leaks lets nobody pay or decline for the payer.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { TEST_CHECKOUT_PATH, type TestGateway } from '../../adapters/payment-gateway/test.ts'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer } from '../../http/schemas.ts'
import { notFound } from '../../kernel/app-error.ts'

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
  return async (app: FastifyInstance) => {
    // Plain HTML forms post urlencoded; only this plugin accepts them.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      const form = Object.fromEntries(new URLSearchParams(body as string))
      const parsed: Record<string, unknown> = { ...form }
      if (typeof form.amount === 'string') {
        if (form.amount === '') delete parsed.amount
        else if (/^\d{1,10}$/.test(form.amount)) parsed.amount = Number(form.amount)
      }
      done(null, parsed)
    })

    app.get(
      `${TEST_CHECKOUT_PATH}/:paymentId`,
      { schema: { tags: ['payment'], summary: 'The test provider’s payment window (HTML)', params: Params } },
      async (request, reply) => {
        const { paymentId } = request.params as { paymentId: string }
        const window = await gateway.window(paymentId)
        if (!window) throw notFound('payment.not_found', 'No such test checkout')
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
          response: { 200: Type.Object({ providerPaymentId: Type.String(), status: Type.String() }) },
        },
      },
      async (request, reply) => {
        const { paymentId } = request.params as { paymentId: string }
        const { decision, amount } = request.body as { decision: 'approve' | 'decline'; amount?: number }
        const result = await gateway.decide(paymentId, principalOf(request).userId, decision, amount)
        if (!result) throw notFound('payment.not_found', 'No such test checkout')
        const wantsHtml = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
        if (!wantsHtml) return result
        const message =
          result.status === 'paid' ? '결제가 승인되었습니다 (Approved)' : '결제가 거절되었습니다 (Declined)'
        return reply
          .type('text/html; charset=utf-8')
          .send(
            page(
              message,
              `<h1>${message}</h1><p>providerPaymentId: <code id="provider-payment-id">${escapeHtml(result.providerPaymentId)}</code></p>`,
            ),
          )
      },
    )
  }
}
