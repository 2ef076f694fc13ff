// Booking routes: thin handlers over the booking service. Someone else's booking is 404.
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, Cursor, Id, IdParams, Limit, Timestamp } from '../../http/schemas.ts'
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

export function bookingRoutes(service: BookingService, verify: AccessTokenVerifier) {
  const signedIn = requireAuth(verify)
  return async (app: FastifyInstance) => {
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
