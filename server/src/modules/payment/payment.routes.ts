// Payment routes: thin handlers over the payment service. Someone else's payment is 404.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, Id, IdParams, Limit, Timestamp } from '../../http/schemas.ts'
import type { PaymentService } from './payment.service.ts'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const PaymentStatus = Type.Union(
  ['ready', 'paid', 'failed', 'refund_pending', 'cancelled'].map((s) => Type.Literal(s)),
  { description: '`cancelled` is a full refund; `refund_pending` a refund decided but not yet carried out' },
)
const PaymentFields = {
  id: Id,
  bookingId: Id,
  amount: Type.Integer({ description: 'KRW' }),
  provider: Type.String(),
  providerPaymentId: Nullable(Type.String()),
  status: PaymentStatus,
  failureCode: Nullable(Type.String()),
  paidAt: Nullable(Timestamp),
  cancelledAt: Nullable(Timestamp),
  createdAt: Timestamp,
}
export const PaymentSchema = Type.Object(PaymentFields)
const PaymentPage = (item: ReturnType<typeof Type.Object>) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })
/** Cursors are payment ids (time-ordered UUIDs); anything else is a bad request, not an empty page. */
const PaymentCursor = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  description: 'nextCursor of the previous page',
})
const PageQuery = Type.Object({ limit: Limit, cursor: Type.Optional(PaymentCursor) }, { additionalProperties: false })
const PaymentParams = Type.Object({ paymentId: Id }, { additionalProperties: false })

export function paymentRoutes(service: PaymentService, verify: AccessTokenVerifier) {
  const signedIn = requireAuth(verify)
  const organizers = requireAuth(verify, ['organizer', 'admin'])
  return async (app: FastifyInstance) => {
    // PortOne's console can send notifications form-encoded instead of JSON; both reach the same handler.
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    )
    app.post(
      '/api/bookings/:id/payments',
      {
        onRequest: signedIn,
        schema: {
          tags: ['payment'],
          summary: 'Start paying for my booking; the amount is the booking’s',
          security: bearer,
          params: IdParams,
          response: {
            201: Type.Object({
              paymentId: Id,
              amount: Type.Integer(),
              provider: Type.String(),
              checkout: Type.Record(Type.String(), Type.Unknown(), {
                description: 'test: { url } of the built-in checkout; portone: the arguments of IMP.request_pay',
              }),
            }),
          },
        },
      },
      async (request, reply) => {
        reply.status(201)
        return service.prepare(principalOf(request), (request.params as { id: string }).id)
      },
    )
    app.post(
      '/api/payments/:paymentId/complete',
      {
        onRequest: signedIn,
        schema: {
          tags: ['payment'],
          summary: 'Finish a payment: the server asks the provider and confirms the booking once',
          security: bearer,
          params: PaymentParams,
          body: Type.Object(
            { providerPaymentId: Type.String({ minLength: 1, maxLength: 200 }) },
            { additionalProperties: false },
          ),
          response: { 200: PaymentSchema },
        },
      },
      async (request) => {
        const { paymentId } = request.params as { paymentId: string }
        const { providerPaymentId } = request.body as { providerPaymentId: string }
        return service.complete(principalOf(request), paymentId, providerPaymentId)
      },
    )
    app.post(
      '/api/payments/webhooks/:provider',
      {
        schema: {
          tags: ['payment'],
          summary: 'The provider’s notification { imp_uid, merchant_uid, status }; verified by asking the provider',
          description: 'JSON or application/x-www-form-urlencoded, as PortOne’s console is set to send it.',
          params: Type.Object({ provider: Type.String({ maxLength: 40 }) }),
          response: { 200: Type.Object({ received: Type.Boolean() }) },
        },
      },
      async (request) => service.webhook((request.params as { provider: string }).provider, request.body),
    )
    app.get(
      '/api/payments',
      {
        onRequest: signedIn,
        schema: {
          tags: ['payment'],
          summary: 'My payment history, newest first',
          security: bearer,
          querystring: PageQuery,
          response: { 200: PaymentPage(PaymentSchema) },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query as { limit: number; cursor?: string }
        return service.listMine(principalOf(request), limit, cursor)
      },
    )
    app.get(
      '/api/payments/:paymentId',
      {
        onRequest: signedIn,
        schema: {
          tags: ['payment'],
          summary: 'One of my payments with its append-only history of attempts and provider answers',
          security: bearer,
          params: PaymentParams,
          response: {
            200: Type.Object({
              ...PaymentFields,
              history: Type.Array(
                Type.Object({
                  at: Timestamp,
                  kind: Type.String(),
                  status: Nullable(Type.String()),
                  data: Type.Record(Type.String(), Type.Unknown()),
                }),
              ),
            }),
          },
        },
      },
      async (request) => service.get(principalOf(request), (request.params as { paymentId: string }).paymentId),
    )
    app.get(
      '/api/events/:id/payments',
      {
        onRequest: organizers,
        schema: {
          tags: ['payment'],
          summary: 'Payments for an event: its organizer and admins',
          security: bearer,
          params: IdParams,
          querystring: PageQuery,
          response: { 200: PaymentPage(Type.Object({ ...PaymentFields, userId: Id })) },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query as { limit: number; cursor?: string }
        return service.listForEvent(principalOf(request), (request.params as { id: string }).id, limit, cursor)
      },
    )
  }
}
