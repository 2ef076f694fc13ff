// Payment routes: thin handlers over the payment service. Someone else's payment is 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, IdParams } from '../../http/schemas.ts'
import {
  CompleteBody,
  EventPaymentPage,
  PageQuery,
  PaymentDetail,
  PaymentPage,
  PaymentParams,
  PaymentSchema,
  PaymentStarted,
  WebhookParams,
  WebhookReceived,
} from './payment.schemas.ts'
import type { PaymentService } from './payment.service.ts'

export function paymentRoutes(service: PaymentService, verify: AccessTokenVerifier) {
  const signedIn = requireAuth(verify)
  const organizers = requireAuth(verify, ['organizer', 'admin'])
  const routes: FastifyPluginAsyncTypebox = async (app) => {
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
          response: { 201: PaymentStarted },
        },
      },
      async (request, reply) => {
        reply.status(201)
        return service.prepare(principalOf(request), request.params.id)
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
          body: CompleteBody,
          response: { 200: PaymentSchema },
        },
      },
      async (request) =>
        service.complete(principalOf(request), request.params.paymentId, request.body.providerPaymentId),
    )
    app.post(
      '/api/payments/webhooks/:provider',
      {
        schema: {
          tags: ['payment'],
          summary: 'The provider’s notification { imp_uid, merchant_uid, status }; verified by asking the provider',
          description: 'JSON or application/x-www-form-urlencoded, as PortOne’s console is set to send it.',
          params: WebhookParams,
          response: { 200: WebhookReceived },
        },
      },
      async (request) => service.webhook(request.params.provider, request.body),
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
          response: { 200: PaymentPage },
        },
      },
      async (request) => service.listMine(principalOf(request), request.query.limit, request.query.cursor),
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
          response: { 200: PaymentDetail },
        },
      },
      async (request) => service.get(principalOf(request), request.params.paymentId),
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
          response: { 200: EventPaymentPage },
        },
      },
      async (request) =>
        service.listForEvent(principalOf(request), request.params.id, request.query.limit, request.query.cursor),
    )
  }
  return routes
}
