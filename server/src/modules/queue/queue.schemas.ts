// Request and response shapes of the queue API, and the types the service returns.
import type { Challenge } from 'altcha-lib/types'
import { type Static, Type } from 'typebox'
import { Id, OneOf } from '../../http/schemas.ts'
import { FAILURE_REASONS } from '../booking/index.ts'
import { QUEUE_STATUSES } from './queue.tables.ts'

const Status = OneOf(QUEUE_STATUSES)
const Reason = OneOf(FAILURE_REASONS)
export const QueueEntrySchema = Type.Object({
  eventId: Id,
  gradeId: Id,
  quantity: Type.Integer(),
  number: Type.Integer({ description: '1, 2, 3 … in arrival order for the event' }),
  status: Status,
  position: Type.Integer({ description: 'Places ahead not yet processed, plus one; 0 once processed. Never goes up.' }),
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
