// Catalog routes: thin handlers over the catalog service and listing.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { type AccessTokenVerifier, authenticate, bearerToken, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, IdParams } from '../../http/schemas.ts'
import { invalidEvent } from './catalog.errors.ts'
import type { CatalogListing } from './catalog.listing.ts'
import {
  CreateEventBody,
  Event,
  EventList,
  EventSummary,
  ListQuery,
  PatchEventBody,
  TrendingQuery,
} from './catalog.schemas.ts'
import type { CatalogService } from './catalog.service.ts'

const EDIT_RULES =
  "Only the event's organizer or an admin may edit; another organizer's event answers 404. Send only the fields " +
  'that change. The same rules as creation hold for the result (sale opens before it closes, closes no later ' +
  'than the start, grade names unique). **Once the sale has opened**, fans hold places and seats on its terms, so ' +
  '`saleOpensAt` cannot change, existing grades keep their price and cannot be removed, and `perUserLimit` can ' +
  'only grow (409 `catalog.locked_after_sale_opened`). Still editable then: texts, performers, venue, poster, ' +
  '`startsAt`/`endsAt`/`saleClosesAt` within the rules (closing early stops the sale), `paymentDeadline` (applies ' +
  'to new bookings), new grades, and capacity — never below the seats already sold (409 `catalog.capacity_below_sold`).'

/** The schema's date-time format lets a leap second (23:59:60) through, which JavaScript cannot represent. */
function queryDate(name: string, raw: string): Date {
  const date = new Date(raw)
  if (Number.isNaN(date.getTime())) {
    throw invalidEvent([{ path: `querystring/${name}`, message: 'is not a valid date-time' }])
  }
  return date
}

export function catalogRoutes(deps: {
  service: CatalogService
  listing: CatalogListing
  verifyAccessToken: AccessTokenVerifier
}) {
  const { service, listing } = deps
  const publisher = requireAuth(deps.verifyAccessToken, ['organizer', 'admin'])
  /** Who is looking, for trending: the account of a valid token, else the address (public routes need neither). */
  const viewerOf = (request: FastifyRequest) => {
    const token = bearerToken(request)
    if (token) {
      try {
        return `account:${deps.verifyAccessToken(token).userId}`
      } catch {}
    }
    return `address:${request.ip}`
  }

  const routes: FastifyPluginAsyncTypebox = async (app) => {
    app.post(
      '/api/events',
      {
        onRequest: publisher,
        schema: {
          tags: ['catalog'],
          summary: 'Publish an event (organizers, admins)',
          description:
            'Times are ISO 8601 with an offset. Sale opens before it closes and closes no later than the start; the ' +
            'sale must close in the future. 1–20 grades with unique names, capacity 1–100000, price 0–10,000,000 KRW. ' +
            '`perUserLimit` 1–10 (default 4); `paymentDeadline` default `end_of_day` (Asia/Seoul), or `minutes` 5–1440.',
          security: bearer,
          body: CreateEventBody,
          response: { 201: Event },
        },
      },
      async (request, reply) => {
        reply.status(201)
        return service.create(principalOf(request), request.body)
      },
    )
    app.patch(
      '/api/events/:id',
      {
        onRequest: publisher,
        schema: {
          tags: ['catalog'],
          summary: 'Edit an event',
          description: EDIT_RULES,
          security: bearer,
          params: IdParams,
          body: PatchEventBody,
          response: { 200: Event },
        },
      },
      async (request) => service.update(principalOf(request), request.params.id, request.body),
    )
    app.get(
      '/api/events',
      {
        schema: {
          tags: ['catalog'],
          summary: 'List or search events',
          description:
            'Without `q`: by start time, filtered by `category`, `city` (exact) and `from` ≤ startsAt < `to`. With ' +
            '`q` (≤ 200 characters; Korean-aware: particles, spacing, prefixes, initial consonants, English names, ' +
            'one-syllable typos): best match first, same filters. `cursor` is opaque; pass back `nextCursor`. A ' +
            'search cursor is a position in the ranking, which may shift if the catalog changes between pages. ' +
            'Searches answer `x-search-cache: hit|miss`. `organizer=me` (with a bearer token) lists only the ' +
            "caller's own events, e.g. for an organizer's dashboard.",
          querystring: ListQuery,
          response: { 200: EventList },
        },
      },
      async (request, reply) => {
        const { from, to, organizer, ...rest } = request.query
        if (organizer) authenticate(request, deps.verifyAccessToken)
        const result = await listing.list({
          ...rest,
          viewer: viewerOf(request),
          ...(organizer && { organizerId: principalOf(request).userId }),
          ...(from !== undefined && { from: queryDate('from', from) }),
          ...(to !== undefined && { to: queryDate('to', to) }),
        })
        if (result.cache) reply.header('x-search-cache', result.cache)
        return { items: result.items, nextCursor: result.nextCursor }
      },
    )
    app.get(
      '/api/events/trending',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Events most viewed and searched lately',
          description:
            'A view counts 1, appearing in the top three of a search 0.3/0.2/0.1, each once per viewer (the ' +
            'account of a valid bearer token, else the address) per event per hour; weights halve every hour. ' +
            'Closed events are left out. Counted per API process.',
          querystring: TrendingQuery,
          response: { 200: Type.Object({ items: Type.Array(EventSummary) }) },
        },
      },
      async (request) => listing.trending(request.query.limit),
    )
    app.get(
      '/api/events/:id',
      {
        schema: { tags: ['catalog'], summary: 'One event with its grades', params: IdParams, response: { 200: Event } },
      },
      async (request) => service.get(request.params.id, viewerOf(request)),
    )
  }
  return routes
}
