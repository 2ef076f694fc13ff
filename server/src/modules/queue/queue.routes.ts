// Queue routes: thin handlers over the queue service; the stream hands its connection to the stream hub.
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { type AccessTokenVerifier, authenticate, bearerToken, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { queryToken } from '../../http/request-target.ts'
import { bearer, Id, IdParams } from '../../http/schemas.ts'
import { unauthorized } from '../../kernel/app-error.ts'
import type { QueueService } from './queue.service.ts'
import type { QueueStreams } from './queue.stream.ts'

const Status = Type.Union([
  Type.Literal('waiting'),
  Type.Literal('succeeded'),
  Type.Literal('failed'),
  Type.Literal('left'),
])
const Reason = Type.Union([Type.Literal('sold_out'), Type.Literal('limit_exceeded'), Type.Literal('sale_closed')])
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
const Stats = Type.Object({
  waiting: Type.Integer({ description: 'Entries not yet processed (places of fans who left included until passed)' }),
  servedUpTo: Type.Integer(),
  lastNumber: Type.Integer(),
  processedPerSecond: Type.Number(),
})
export const JoinBody = Type.Object(
  { gradeId: Id, quantity: Type.Integer({ minimum: 1, maximum: 100 }) },
  { additionalProperties: false },
)
const STREAM_DESCRIPTION =
  '`text/event-stream`. `event: position` (`{ number, position, servedUpTo, etaSeconds }`, id = servedUpTo) at ' +
  'least once a second while waiting; `event: result` (a QueueEntry) once, then the stream ends. A client that ' +
  'connects after processing gets the result at once; a reconnecting client resumes (its Last-Event-ID keeps ' +
  'the position from going up). EventSource cannot ' +
  'set headers, so this route also accepts the access token as `?access_token=<accessToken>` (short-lived JWT).'

export function queueRoutes(service: QueueService, streams: QueueStreams, verify: AccessTokenVerifier) {
  const signedIn = requireAuth(verify)
  // The stream alone also takes the token from the query string, for EventSource.
  const signedInStream = async (request: FastifyRequest) => {
    const token = bearerToken(request) ?? queryToken(request.url)
    if (!token) throw unauthorized('auth.token_missing', 'A bearer access token (or ?access_token=) is required')
    authenticate(request, verify, undefined, token)
  }
  const eventId = (request: FastifyRequest) => (request.params as { id: string }).id

  return async (app: FastifyInstance) => {
    app.post(
      '/api/events/:id/queue',
      {
        onRequest: signedIn,
        schema: {
          tags: ['queue'],
          summary: 'Take a place in the event’s queue (202; 200 with the same entry when already in it)',
          description: 'Answered only once the place is durably stored. Quantity over the event’s perUserLimit → 400.',
          security: bearer,
          params: IdParams,
          body: JoinBody,
          response: { 200: QueueEntrySchema, 202: QueueEntrySchema },
        },
      },
      async (request, reply) => {
        const body = request.body as { gradeId: string; quantity: number }
        const joined = await service.join(principalOf(request), eventId(request), body, request.ip)
        reply.status(joined.created ? 202 : 200)
        return joined.entry
      },
    )
    app.get(
      '/api/events/:id/queue/me',
      {
        onRequest: signedIn,
        schema: {
          tags: ['queue'],
          summary: 'My place in the queue',
          security: bearer,
          params: IdParams,
          response: { 200: QueueEntrySchema },
        },
      },
      async (request) => service.me(principalOf(request), eventId(request)),
    )
    app.delete(
      '/api/events/:id/queue/me',
      {
        onRequest: signedIn,
        schema: {
          tags: ['queue'],
          summary:
            'Leave the queue (409 queue.already_processed when too late); the account may join again at the back',
          security: bearer,
          params: IdParams,
          response: { 200: QueueEntrySchema },
        },
      },
      async (request) => service.leave(principalOf(request), eventId(request)),
    )
    app.get(
      '/api/events/:id/queue/stats',
      {
        schema: { tags: ['queue'], summary: 'The event’s queue progress', params: IdParams, response: { 200: Stats } },
      },
      async (request) => service.stats(eventId(request)),
    )
    app.get(
      '/api/events/:id/queue/stream',
      {
        onRequest: signedInStream,
        schema: {
          tags: ['queue'],
          summary: 'My place, live (Server-Sent Events)',
          description: STREAM_DESCRIPTION,
          security: bearer,
          params: IdParams,
          querystring: Type.Object({ access_token: Type.Optional(Type.String({ maxLength: 4096 })) }),
        },
      },
      async (request, reply) => {
        const entry = await service.me(principalOf(request), eventId(request))
        reply.hijack()
        const lastEventId = Number(request.headers['last-event-id'])
        streams.open(reply.raw, entry, Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0)
      },
    )
  }
}
