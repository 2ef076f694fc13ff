// Queue routes: thin handlers over the queue service; the stream hands its connection to the stream hub.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { type AccessTokenVerifier, authenticate, bearerToken, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { queryToken } from '../../http/request-target.ts'
import { bearer, IdParams } from '../../http/schemas.ts'
import type { Draws } from './queue.draws.ts'
import { streamTokenMissing } from './queue.errors.ts'
import {
  ChallengeSchema,
  DrawListSchema,
  DrawSchema,
  JoinBody,
  QueueEntrySchema,
  QueueStats,
  StreamQuery,
} from './queue.schemas.ts'
import type { QueueService } from './queue.service.ts'
import type { QueueStreams } from './queue.stream.ts'

const STREAM_DESCRIPTION =
  '`text/event-stream`. `event: position` (`{ number, position, servedUpTo, etaSeconds }`, id = servedUpTo) at ' +
  'least once a second while waiting; `event: result` (a QueueEntry) once, then the stream ends. A client that ' +
  'connects after processing gets the result at once; a reconnecting client resumes (its Last-Event-ID keeps ' +
  'the position from going up). An entry `registered` for the opening draw gets `event: registered` (a ' +
  'QueueEntry) once; its stream then stays open (comments only) and ends 6–10 s after the opening, and the ' +
  'reconnect finds the drawn number. EventSource cannot ' +
  'set headers, so this route also accepts the access token as `?access_token=<accessToken>` (short-lived JWT).'

export function queueRoutes(service: QueueService, streams: QueueStreams, draws: Draws, verify: AccessTokenVerifier) {
  const signedIn = requireAuth(verify)
  // The stream alone also takes the token from the query string, for EventSource.
  const signedInStream = async (request: FastifyRequest) => {
    const token = bearerToken(request) ?? queryToken(request.url)
    if (!token) throw streamTokenMissing()
    authenticate(request, verify, undefined, token)
  }

  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.post(
      '/api/events/:id/queue',
      {
        onRequest: signedIn,
        schema: {
          tags: ['queue'],
          summary: 'Take a place in the event’s queue (202; 200 with the same entry when already in it)',
          description:
            'Answered only once the place is durably stored. Quantity over the event’s perUserLimit → 400. On an ' +
            'event with requireIdentity the limit is per verified person: places taken through an account the ' +
            'same person closed count too, and going over → 409 `queue.person_limit`. One entry per account: asking ' +
            'again returns it (200). An account whose entry failed (e.g. sold out) may ask to join again with ' +
            '`rejoin: true`: a new number at the back (202), to win a seat that comes back; the failed entry is kept. ' +
            'An account whose won hold lapsed unpaid joins again at the back; after two lapsed holds for the event ' +
            '→ 409 `queue.barred`.',
          security: bearer,
          params: IdParams,
          body: JoinBody,
          response: { 200: QueueEntrySchema, 202: QueueEntrySchema },
        },
      },
      async (request, reply) => {
        const joined = await service.join(principalOf(request), request.params.id, request.body, request.ip)
        reply.status(joined.created ? 202 : 200)
        return joined.entry
      },
    )
    app.get(
      '/api/events/:id/queue/challenge',
      {
        onRequest: signedIn,
        schema: {
          tags: ['queue'],
          summary: 'A proof-of-work challenge for joining this event (events with an entryChallenge)',
          description:
            'Bound to the account and event, good for 30 minutes, spent by the join it lets in. Solve it (the ALTCHA ' +
            'widget or altcha-lib’s solver, PBKDF2/SHA-256) and send `proof` with the join. An event without one → ' +
            '404 `queue.no_challenge`. Missing, wrong, expired, reused or another account’s proof on the join → 403 ' +
            '`queue.challenge_failed`.',
          security: bearer,
          params: IdParams,
          response: { 200: ChallengeSchema },
        },
      },
      async (request) => service.challenge(principalOf(request), request.params.id),
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
      async (request) => service.me(principalOf(request), request.params.id),
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
      async (request) => service.leave(principalOf(request), request.params.id),
    )
    app.get(
      '/api/events/:id/queue/stats',
      {
        schema: {
          tags: ['queue'],
          summary: 'The event’s queue progress',
          params: IdParams,
          response: { 200: QueueStats },
        },
      },
      async (request) => service.stats(request.params.id),
    )
    app.get(
      '/api/events/:id/draw',
      {
        schema: {
          tags: ['queue'],
          summary: 'The opening draw of an event with a pre-queue: everything needed to check it',
          description:
            'Public. `open` while the pre-queue registers fans (secretHash is fixed from the start); `frozen` from ' +
            'the opening (the list’s commitment and the beacon round are fixed); `drawn` once every registration ' +
            'has its number (secret, beacon randomness and seed revealed). docs/DRAW.md says how to recompute ' +
            'every number; `npm run verify-draw -- <base URL> <event id>` does it. An event without a pre-queue → ' +
            '404 `draw.none`.',
          params: IdParams,
          response: { 200: DrawSchema },
        },
      },
      async (request) => draws.view(request.params.id),
    )
    app.get(
      '/api/events/:id/draw/list',
      {
        schema: {
          tags: ['queue'],
          summary: 'The frozen list of the opening draw: every pseudonymous ticket, and its number once drawn',
          description:
            'Public. Tickets in byte order (the order the commitment hashes them in); each fan finds their own ' +
            'as `drawTicket` on their QueueEntry. Before the opening → 409 `draw.not_frozen`.',
          params: IdParams,
          response: { 200: DrawListSchema },
        },
      },
      async (request, reply) => {
        const list = await draws.list(request.params.id)
        if (list.status === 'drawn') reply.header('cache-control', 'public, max-age=60')
        return list
      },
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
          querystring: StreamQuery,
        },
      },
      async (request, reply) => {
        const entry = await service.me(principalOf(request), request.params.id)
        reply.hijack()
        const lastEventId = Number(request.headers['last-event-id'])
        const drawAt = entry.status === 'registered' ? await service.drawAt(request.params.id) : null
        streams.open(reply.raw, entry, Number.isSafeInteger(lastEventId) && lastEventId > 0 ? lastEventId : 0, drawAt)
      },
    )
  }
  return routes
}
