// Request and response shapes of the booking and gate API, and the types the service returns.
import { type Static, Type } from 'typebox'
import { Cursor, Id, Limit, OneOf, Timestamp } from '../../http/schemas.ts'
import { BOOKING_STATUSES, TICKET_STATUSES } from './booking.tables.ts'

export const BookingSchema = Type.Object({
  id: Id,
  eventId: Id,
  gradeId: Id,
  quantity: Type.Integer(),
  amount: Type.Integer({ description: 'KRW' }),
  status: OneOf(BOOKING_STATUSES),
  payBy: Timestamp,
  createdAt: Timestamp,
  tickets: Type.Array(Type.Object({ id: Id, status: OneOf(TICKET_STATUSES) })),
})

export const Pass = Type.Object({
  pass: Type.String({ description: 'Show as a QR code at the gate; good for a minute' }),
  expiresAt: Timestamp,
})
export const CheckIn = Type.Object(
  { pass: Type.String({ minLength: 1, maxLength: 2048 }), eventId: Id },
  { additionalProperties: false },
)
export const CheckedIn = Type.Object({
  ticketId: Id,
  eventId: Id,
  bookingId: Id,
  gradeId: Id,
  holder: Type.Object({ name: Type.Union([Type.String(), Type.Null()]) }),
  checkedInAt: Timestamp,
})

export const BookingList = Type.Object({
  items: Type.Array(BookingSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export const BookingListQuery = Type.Object(
  { limit: Limit, cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
)

export type BookingView = Static<typeof BookingSchema>
export type CheckedIn = Static<typeof CheckedIn>
export type CheckInInput = Static<typeof CheckIn>
