// Booking routes: thin handlers over the booking service and the gate. Someone else's booking or ticket is 404.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, IdParams } from '../../http/schemas.ts'
import type { Gate } from './booking.gate.ts'
import { BookingList, BookingListQuery, BookingSchema, CheckedIn, CheckIn, Pass } from './booking.schemas.ts'
import type { BookingService, CancelPaid } from './booking.service.ts'

export function bookingRoutes(
  service: BookingService,
  gate: Gate,
  ports: { verifyAccessToken: AccessTokenVerifier; cancelPaid: CancelPaid },
) {
  const signedIn = requireAuth(ports.verifyAccessToken)
  const staff = requireAuth(ports.verifyAccessToken, ['staff', 'admin'])
  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.post(
      '/api/tickets/:id/pass',
      {
        onRequest: signedIn,
        schema: {
          tags: ['booking'],
          summary: 'A gate pass for one of my tickets (confirmed booking, ticket valid)',
          description:
            'A signed token naming the ticket, its event and its holder, good for 60 seconds: show it as a QR code ' +
            'and ask again before it runs out. Someone else’s ticket → 404; a ticket that admits no one → 409 ' +
            '`ticket.not_valid`.',
          security: bearer,
          params: IdParams,
          response: { 200: Pass },
        },
      },
      async (request) => gate.issuePass(principalOf(request), request.params.id),
    )
    app.post(
      '/api/gate/check-in',
      {
        onRequest: staff,
        schema: {
          tags: ['booking'],
          summary: 'Let a pass’s holder in (staff, admins); each ticket once',
          description:
            'Errors: `gate.pass_invalid` 400 (not a pass, or altered), `gate.pass_expired` 409 (ask for a fresh ' +
            'one), `gate.wrong_event` 409, `gate.already_used` 409, `ticket.not_valid` 409 (booking not confirmed, ' +
            'ticket cancelled, or no longer the holder’s).',
          security: bearer,
          body: CheckIn,
          response: { 200: CheckedIn },
        },
      },
      async (request) => gate.checkIn(principalOf(request), request.body),
    )
    app.get(
      '/api/bookings',
      {
        onRequest: signedIn,
        schema: {
          tags: ['booking'],
          summary: 'My bookings, newest first',
          security: bearer,
          querystring: BookingListQuery,
          response: { 200: BookingList },
        },
      },
      async (request) => service.listMine(principalOf(request), request.query.limit, request.query.cursor),
    )
    app.get(
      '/api/bookings/:id',
      {
        onRequest: signedIn,
        schema: {
          tags: ['booking'],
          summary: 'One of my bookings (admins: any)',
          security: bearer,
          params: IdParams,
          response: { 200: BookingSchema },
        },
      },
      async (request) => service.get(principalOf(request), request.params.id),
    )
    app.post(
      '/api/bookings/:id/cancel',
      {
        onRequest: signedIn,
        schema: {
          tags: ['booking'],
          summary: 'Cancel a booking; an unpaid one returns its seats at once (idempotent)',
          security: bearer,
          params: IdParams,
          response: { 200: BookingSchema },
        },
      },
      async (request) => service.cancel(principalOf(request), request.params.id, ports.cancelPaid),
    )
  }
  return routes
}
