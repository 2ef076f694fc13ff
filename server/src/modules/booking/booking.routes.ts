// Booking routes: thin handlers over the booking service and the gate. Someone else's booking or ticket is 404.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, Cursor, Id, IdParams, Limit, Timestamp } from '../../http/schemas.ts'
import type { Gate } from './booking.gate.ts'
import type { BookingService } from './booking.service.ts'

export const BookingSchema = Type.Object({
  id: Id,
  eventId: Id,
  gradeId: Id,
  quantity: Type.Integer(),
  amount: Type.Integer({ description: 'KRW' }),
  status: Type.Union([
    Type.Literal('pending_payment'),
    Type.Literal('confirmed'),
    Type.Literal('cancelled'),
    Type.Literal('expired'),
  ]),
  payBy: Timestamp,
  createdAt: Timestamp,
  tickets: Type.Array(Type.Object({ id: Id, status: Type.String() })),
})

const Pass = Type.Object({
  pass: Type.String({ description: 'Show as a QR code at the gate; good for a minute' }),
  expiresAt: Timestamp,
})
const CheckIn = Type.Object(
  { pass: Type.String({ minLength: 1, maxLength: 2048 }), eventId: Id },
  { additionalProperties: false },
)
const CheckedIn = Type.Object({
  ticketId: Id,
  eventId: Id,
  bookingId: Id,
  gradeId: Id,
  holder: Type.Object({ name: Type.Union([Type.String(), Type.Null()]) }),
  checkedInAt: Timestamp,
})

export function bookingRoutes(service: BookingService, gate: Gate, verify: AccessTokenVerifier) {
  const signedIn = requireAuth(verify)
  const staff = requireAuth(verify, ['staff', 'admin'])
  return async (app: FastifyInstance) => {
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
      async (request) => gate.issuePass(principalOf(request), (request.params as { id: string }).id),
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
      async (request) => gate.checkIn(principalOf(request), request.body as { pass: string; eventId: string }),
    )
    app.get(
      '/api/bookings',
      {
        onRequest: signedIn,
        schema: {
          tags: ['booking'],
          summary: 'My bookings, newest first',
          security: bearer,
          querystring: Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) }, { additionalProperties: false }),
          response: {
            200: Type.Object({
              items: Type.Array(BookingSchema),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const { limit, cursor } = request.query as { limit: number; cursor?: string }
        return service.listMine(principalOf(request), limit, cursor)
      },
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
      async (request) => service.get(principalOf(request), (request.params as { id: string }).id),
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
      async (request) => service.cancel(principalOf(request), (request.params as { id: string }).id),
    )
  }
}
