// Request and response shapes of the queue API, and the types the service returns.
import type { Challenge } from 'altcha-lib/types'
import { type Static, Type } from 'typebox'
import { Id, OneOf } from '../../http/schemas.ts'
import { FAILURE_REASONS } from '../booking/index.ts'
import { DRAW_STATUSES, ENTRY_STATUSES } from './queue.tables.ts'

const Status = OneOf(ENTRY_STATUSES)
const Reason = OneOf(FAILURE_REASONS)
export const QueueEntrySchema = Type.Object({
  eventId: Id,
  gradeId: Id,
  quantity: Type.Integer(),
  number: Type.Union([Type.Integer(), Type.Null()], {
    description:
      '1, 2, 3 … in arrival order for the event; entries of a pre-queue are numbered first, by the opening draw. ' +
      'null while `registered` (before the draw)',
  }),
  drawTicket: Type.Union([Type.String(), Type.Null()], {
    description:
      'With a pre-queue: this entry’s pseudonymous ticket in the draw’s published list (GET …/draw/list); null ' +
      'for joins after the opening',
  }),
  status: Status,
  position: Type.Integer({
    description: 'Places ahead not yet processed, plus one; 0 once processed, and while registered. Never goes up.',
  }),
  servedUpTo: Type.Integer({ description: 'Every entry numbered up to this has its result' }),
  etaSeconds: Type.Union([Type.Integer(), Type.Null()], {
    description: 'From the measured processing rate; null before any is measured',
  }),
  result: Type.Union([Type.Object({ bookingId: Id }), Type.Object({ reason: Reason }), Type.Null()]),
})
export const QueueStats = Type.Object({
  waiting: Type.Integer({ description: 'Entries not yet processed (places of fans who left included until passed)' }),
  servedUpTo: Type.Integer(),
  lastNumber: Type.Integer(),
  processedPerSecond: Type.Number(),
})
export const JoinBody = Type.Object(
  {
    gradeId: Id,
    quantity: Type.Integer({ minimum: 1, maximum: 100 }),
    proof: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 8_192,
        pattern: '^[A-Za-z0-9+/=]+$',
        description: 'With an entryChallenge: the solved ALTCHA payload, base64 of JSON `{ challenge, solution }`',
      }),
    ),
    rejoin: Type.Optional(
      Type.Boolean({
        description:
          'true: if this account’s entry failed (e.g. sold out), join again at the back with a new number (the ' +
          'failed entry is kept); otherwise, as without it. Without it a join is idempotent: a retry after a ' +
          'failure answers the failed entry (200)',
      }),
    ),
  },
  { additionalProperties: false },
)
export const ChallengeSchema = Type.Unsafe<Challenge>({
  type: 'object',
  additionalProperties: true,
  description:
    'An ALTCHA PoW v2 challenge (altcha-lib 2: `{ parameters: { algorithm, nonce, salt, cost, keyLength, keyPrefix, ' +
    'keySignature, expiresAt, data: { userId, eventId } }, signature }`), good for 30 minutes',
})
export const StreamQuery = Type.Object({ access_token: Type.Optional(Type.String({ maxLength: 4096 })) })

export type QueueEntryView = Static<typeof QueueEntrySchema>
export type QueueStats = Static<typeof QueueStats>

const Hex = (description: string) => Type.Union([Type.String({ pattern: '^[0-9a-f]+$' }), Type.Null()], { description })
export const DrawSchema = Type.Object(
  {
    eventId: Id,
    status: OneOf(DRAW_STATUSES, {
      description:
        '`open`: the pre-queue takes registrations; `frozen`: the list is fixed, the seed is awaited; `drawn`: ' +
        'every registration has its number',
    }),
    algorithm: Type.String({ description: 'How numbers follow from what is published here: docs/DRAW.md' }),
    preQueueOpensAt: Type.String({ format: 'date-time' }),
    drawAt: Type.String({ format: 'date-time', description: 'The opening (saleOpensAt): the list freezes then' }),
    entries: Type.Integer({ description: 'Registrations so far while open; the frozen list’s size after' }),
    secretHash: Type.String({
      pattern: '^[0-9a-f]{64}$',
      description: 'SHA-256 of `secret`, published before the first registration',
    }),
    secret: Hex('Revealed when drawn; null before'),
    frozenAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    commitment: Hex('SHA-256 over the frozen list’s tickets (docs/DRAW.md); null while open'),
    firstNumber: Type.Union([Type.Integer(), Type.Null()], { description: 'The drawn numbers start here' }),
    beacon: Type.Union(
      [
        Type.Object({
          source: Type.Literal('drand'),
          chainHash: Type.String(),
          round: Type.Union([Type.Integer(), Type.Null()], {
            description: 'Two rounds after the one in progress at frozenAt; null while open',
          }),
          randomness: Hex('The round’s randomness, once drawn; null when the round could not be had'),
          signature: Hex('The round’s BLS signature (check it against the chain’s public key)'),
        }),
        Type.Null(),
      ],
      { description: 'The public randomness that goes into the seed; null for a draw on its secret alone' },
    ),
    seed: Hex('Once drawn: SHA-256 of the algorithm, event id, commitment, secret and randomness'),
    drawnAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false },
)
export const DrawListSchema = Type.Object({
  eventId: Id,
  status: OneOf(DRAW_STATUSES),
  commitment: Type.String(),
  entries: Type.Array(
    Type.Object({
      ticket: Type.String(),
      number: Type.Union([Type.Integer(), Type.Null()], { description: 'null until drawn' }),
    }),
    { description: 'Every ticket of the frozen list in byte order' },
  ),
})
export type DrawView = Static<typeof DrawSchema>
export type DrawListView = Static<typeof DrawListSchema>
