// Request and response shapes of the payment API, and the types the service returns.
import { type Static, type TSchema, Type } from 'typebox'
import { Id, Limit, OneOf, Timestamp } from '../../http/schemas.ts'
import { PAYMENT_STATUSES } from './payment.tables.ts'

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])
const PaymentStatus = OneOf(PAYMENT_STATUSES, {
  description: '`cancelled` is a full refund; `refund_pending` a refund decided but not yet carried out',
})
const PaymentFields = {
  id: Id,
  bookingId: Id,
  amount: Type.Integer({ description: 'KRW' }),
  provider: Type.String(),
  providerPaymentId: Nullable(Type.String()),
  status: PaymentStatus,
  failureCode: Nullable(
    Type.String({
      description:
        'Why a payment did not end paid: `declined`, `amount_mismatch`, `booking_expired`, `booking_cancelled`, …',
    }),
  ),
  paidAt: Nullable(Timestamp),
  cancelledAt: Nullable(Timestamp),
  createdAt: Timestamp,
}
export const PaymentSchema = Type.Object(PaymentFields)
/** Cursors are payment ids (time-ordered UUIDs); anything else is a bad request, not an empty page. */
const PaymentCursor = Type.String({
  pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  description: 'nextCursor of the previous page',
})
export const PageQuery = Type.Object(
  { limit: Limit, cursor: Type.Optional(PaymentCursor) },
  { additionalProperties: false },
)
export const PaymentParams = Type.Object({ paymentId: Id }, { additionalProperties: false })

const page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) })
export const PaymentPage = page(PaymentSchema)
export const EventPaymentPage = page(Type.Object({ ...PaymentFields, userId: Id }))
export const PaymentDetail = Type.Object({
  ...PaymentFields,
  history: Type.Array(
    Type.Object({
      at: Timestamp,
      kind: Type.String(),
      status: Nullable(Type.String()),
      data: Type.Record(Type.String(), Type.Unknown()),
    }),
  ),
})
export const PaymentStarted = Type.Object({
  paymentId: Id,
  amount: Type.Integer(),
  provider: Type.String(),
  checkout: Type.Record(Type.String(), Type.Unknown(), {
    description: 'test: { url } of the built-in checkout; portone: the arguments of IMP.request_pay',
  }),
})
export const CompleteBody = Type.Object(
  { providerPaymentId: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
)
export const WebhookParams = Type.Object({ provider: Type.String({ maxLength: 40 }) })
export const WebhookReceived = Type.Object({ received: Type.Boolean() })

export type PaymentView = Static<typeof PaymentSchema>
export type PaymentDetail = Static<typeof PaymentDetail>
export type PaymentStarted = Static<typeof PaymentStarted>
