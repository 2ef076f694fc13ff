// Request and response shapes of the catalog API (JSON Schema via TypeBox; also the OpenAPI description).
import { type Static, Type } from 'typebox'
import { Cursor, Id, Limit, OneOf, Timestamp } from '../../http/schemas.ts'
import { LIMITS } from './catalog.rules.ts'
import { EVENT_CATEGORIES, EVENT_STATUSES } from './catalog.tables.ts'

const strict = { additionalProperties: false } as const
const Text = (min: number, max: number) =>
  Type.String({ minLength: min, maxLength: max, ...(min > 0 && { pattern: '\\S' }) })

export const Category = OneOf(EVENT_CATEGORIES)
export const PaymentDeadline = Type.Union([
  Type.Object({ policy: Type.Literal('end_of_day') }, strict),
  Type.Object(
    {
      policy: Type.Literal('minutes'),
      minutes: Type.Integer({ minimum: LIMITS.deadlineMinutes.min, maximum: LIMITS.deadlineMinutes.max }),
    },
    strict,
  ),
])
const Price = Type.Integer({ minimum: 0, maximum: LIMITS.price, description: 'KRW' })
const Capacity = Type.Integer({ minimum: 1, maximum: LIMITS.capacity })
const GradeIn = Type.Object({ name: Text(1, 50), price: Price, capacity: Capacity }, strict)
const GradeEdit = Type.Object(
  { id: Type.Optional(Id), name: Text(1, 50), price: Price, capacity: Capacity },
  { ...strict, description: 'With `id`: that grade, changed. Without: a new grade.' },
)
const Venue = Type.Object(
  { name: Text(1, 200), city: Text(1, 50), address: Type.Optional(Type.Union([Text(0, 300), Type.Null()])) },
  strict,
)
const MediaId = Type.String({ minLength: 64, maxLength: 64, pattern: '^[0-9a-f]{64}$' })

const fields = {
  title: Text(1, 200),
  description: Type.String({ maxLength: 10_000 }),
  category: Category,
  performers: Type.Array(Text(1, 100), { maxItems: LIMITS.performers }),
  venue: Venue,
  startsAt: Timestamp,
  endsAt: Type.Union([Timestamp, Type.Null()]),
  saleOpensAt: Timestamp,
  saleClosesAt: Timestamp,
  posterMediaId: Type.Union([MediaId, Type.Null()]),
  perUserLimit: Type.Integer({ minimum: 1, maximum: LIMITS.perUserLimit }),
  paymentDeadline: PaymentDeadline,
  requireIdentity: Type.Boolean({ description: 'Joining the queue needs 본인인증 (a verified person)' }),
  entryChallenge: Type.Union(
    [
      Type.Object({ cost: Type.Integer({ minimum: 1, maximum: 100_000 }) }, { additionalProperties: false }),
      Type.Null(),
    ],
    {
      description:
        'Proof-of-work to join the queue (ALTCHA PoW v2, PBKDF2/SHA-256 at 1,000 iterations a key): `cost` keys ' +
        'to derive on average; 2,000 took about 1 s on one server core (docs/BENCHMARKS.md, pow). null: none',
    },
  ),
  preQueueOpensAt: Type.Union([Timestamp, Type.Null()], {
    description:
      'A pre-queue before the opening: everyone who joins from this time until saleOpensAt is registered without ' +
      'a number and numbered at saleOpensAt by a public draw (GET /api/events/{id}/draw, docs/DRAW.md); later ' +
      'joins are numbered after them in arrival order. Must be before saleOpensAt; fixed once the pre-queue opens. ' +
      'null: none',
  }),
  minAge: Type.Union([Type.Integer({ minimum: 1, maximum: 99 }), Type.Null()], {
    description:
      'Joining needs a verified person of at least this age in the year of the event (연 나이, as the Youth ' +
      'Protection Act counts); implies requireIdentity. null: no limit',
  }),
}

export const CreateEventBody = Type.Object(
  {
    title: fields.title,
    description: Type.Optional(fields.description),
    category: fields.category,
    performers: Type.Optional(fields.performers),
    venue: fields.venue,
    startsAt: fields.startsAt,
    endsAt: Type.Optional(fields.endsAt),
    saleOpensAt: fields.saleOpensAt,
    saleClosesAt: fields.saleClosesAt,
    posterMediaId: Type.Optional(fields.posterMediaId),
    perUserLimit: Type.Optional(fields.perUserLimit),
    paymentDeadline: Type.Optional({
      ...fields.paymentDeadline,
      description:
        'How long a winner has to pay. Default: 10 minutes for an event with a pre-queue (a hot sale: unpaid ' +
        'seats go back quickly), else the end of the day',
    }),
    requireIdentity: Type.Optional(fields.requireIdentity),
    minAge: Type.Optional(fields.minAge),
    entryChallenge: Type.Optional(fields.entryChallenge),
    preQueueOpensAt: Type.Optional(fields.preQueueOpensAt),
    grades: Type.Array(GradeIn, { minItems: 1, maxItems: LIMITS.grades }),
  },
  strict,
)

export const PatchEventBody = Type.Object(
  {
    title: Type.Optional(fields.title),
    description: Type.Optional(fields.description),
    category: Type.Optional(fields.category),
    performers: Type.Optional(fields.performers),
    venue: Type.Optional(fields.venue),
    startsAt: Type.Optional(fields.startsAt),
    endsAt: Type.Optional(fields.endsAt),
    saleOpensAt: Type.Optional(fields.saleOpensAt),
    saleClosesAt: Type.Optional(fields.saleClosesAt),
    posterMediaId: Type.Optional(fields.posterMediaId),
    perUserLimit: Type.Optional(fields.perUserLimit),
    paymentDeadline: Type.Optional(fields.paymentDeadline),
    requireIdentity: Type.Optional(fields.requireIdentity),
    minAge: Type.Optional(fields.minAge),
    entryChallenge: Type.Optional(fields.entryChallenge),
    preQueueOpensAt: Type.Optional(fields.preQueueOpensAt),
    grades: Type.Optional(
      Type.Array(GradeEdit, {
        minItems: 1,
        maxItems: LIMITS.grades,
        description: "The event's full list of grades: grades left out are removed (only while none is sold).",
      }),
    ),
  },
  { ...strict, minProperties: 1 },
)

const VenueOut = Type.Object({ name: Type.String(), city: Type.String() })
const Status = OneOf(EVENT_STATUSES)
const summaryFields = {
  id: Type.String(),
  title: Type.String(),
  category: Category,
  performers: Type.Array(Type.String()),
  venue: VenueOut,
  startsAt: Timestamp,
  saleOpensAt: Timestamp,
  saleClosesAt: Timestamp,
  posterUrl: Type.Union([Type.String(), Type.Null()]),
  minPrice: Type.Integer(),
  status: Status,
  organizerId: Type.String(),
}
export const EventSummary = Type.Object(summaryFields)
export const Event = Type.Object({
  ...summaryFields,
  venue: Type.Object({ name: Type.String(), city: Type.String(), address: Type.Union([Type.String(), Type.Null()]) }),
  description: Type.String(),
  endsAt: Type.Union([Timestamp, Type.Null()]),
  perUserLimit: Type.Integer(),
  paymentDeadline: PaymentDeadline,
  requireIdentity: fields.requireIdentity,
  minAge: fields.minAge,
  entryChallenge: fields.entryChallenge,
  preQueueOpensAt: fields.preQueueOpensAt,
  organizerId: Type.String(),
  posterMediaId: Type.Union([Type.String(), Type.Null()]),
  grades: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      price: Type.Integer(),
      capacity: Type.Integer(),
      remaining: Type.Integer(),
    }),
  ),
})

export const ListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(Category),
    city: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    limit: Limit,
    cursor: Type.Optional(Cursor),
    organizer: Type.Optional(
      Type.Literal('me', { description: "Only the caller's own events (needs a bearer token)" }),
    ),
  },
  strict,
)
export const EventList = Type.Object({
  items: Type.Array(EventSummary),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})
export const TrendingQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }) }, strict)

export type EventInput = Static<typeof CreateEventBody>
export type EventPatch = Static<typeof PatchEventBody>
export type EventSummary = Static<typeof EventSummary>
export type EventView = Static<typeof Event>
