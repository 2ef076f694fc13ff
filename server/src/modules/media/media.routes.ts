// Media routes: a multipart upload (organizers, admins) and immutable, content-addressed image delivery.
import multipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { type AccessTokenVerifier, principalOf, requireAuth } from '../../http/auth-guard.ts'
import { bearer, OneOf } from '../../http/schemas.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import { fileMissing, notMultipart } from './media.errors.ts'
import { VARIANT_WIDTHS } from './media.rules.ts'
import { type MediaService, mediaEtag } from './media.service.ts'

export const MediaView = Type.Object({
  id: Type.String(),
  url: Type.String(),
  contentType: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  bytes: Type.Integer(),
})
const IMMUTABLE = 'public, max-age=31536000, immutable'
const UPLOAD_RULE = { limit: 60, windowMs: 60_000 }
/** What one organizer may upload in an hour: a season's posters, not a disk filled overnight. */
export const UPLOADS_PER_HOUR = { limit: 200, windowMs: 3600_000 }

export interface MediaRouteDeps {
  media: MediaService
  verifyAccessToken: AccessTokenVerifier
  rateLimit: RateLimiter
  maxUploadBytes: number
}

/** True when the client's If-None-Match names this ETag (or is `*`). */
function matches(ifNoneMatch: string | undefined, etag: string) {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '')
    return tag === '*' || tag === etag
  })
}

export function mediaRoutes(deps: MediaRouteDeps) {
  const { media } = deps
  const publisher = requireAuth(deps.verifyAccessToken, ['organizer', 'admin'])

  const routes: FastifyPluginAsyncTypebox = async (app) => {
    // Registered here, so only this plugin's routes accept multipart bodies.
    await app.register(multipart, {
      limits: { fileSize: deps.maxUploadBytes, files: 1, fields: 4, parts: 5, fieldSize: 1024 },
    })

    app.post(
      '/api/media',
      {
        onRequest: publisher,
        schema: {
          tags: ['media'],
          summary: 'Upload an image (poster)',
          description:
            'multipart/form-data with one field `file`. The bytes decide: only real JPEG, PNG, WebP, GIF and AVIF ' +
            'are accepted (415 otherwise, including files with data after the image or embedded markup, and ' +
            'images over 50 megapixels). The image is re-encoded, which strips EXIF/GPS and other metadata, and ' +
            `stored under the SHA-256 of the result, which is its id. Over ${deps.maxUploadBytes} bytes → 413.`,
          consumes: ['multipart/form-data'],
          security: bearer,
          response: { 201: MediaView },
        },
      },
      async (request, reply) => {
        await deps.rateLimit('media.upload', principalOf(request).userId, UPLOAD_RULE)
        await deps.rateLimit('media.upload.hour', principalOf(request).userId, UPLOADS_PER_HOUR)
        if (!request.isMultipart()) throw notMultipart()
        const part = await request.file()
        if (part?.fieldname !== 'file') throw fileMissing()
        const bytes = await part.toBuffer() // throws 413 past the size limit
        const view = await media.ingest(bytes)
        reply.status(201)
        return view
      },
    )

    app.get(
      '/api/media/:id',
      {
        schema: {
          tags: ['media'],
          summary: 'An uploaded image',
          description:
            'Served with a strong ETag and `Cache-Control: public, max-age=31536000, immutable` (the id names the ' +
            `content). \`?w=\` (one of ${VARIANT_WIDTHS.join(', ')}) gives a WebP copy that wide, never enlarged, made ` +
            'once and kept. If-None-Match → 304.',
          params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-f]+$' }) }),
          querystring: Type.Object({ w: Type.Optional(OneOf(VARIANT_WIDTHS)) }, { additionalProperties: false }),
        },
      },
      async (request, reply) => {
        const { id } = request.params
        const { w } = request.query
        const etag = mediaEtag(id, w)
        // The id names the content, so a client holding this ETag holds these bytes: no need to read them.
        if (matches(request.headers['if-none-match'], etag) && (await media.exists(id))) {
          return reply.status(304).header('etag', etag).header('cache-control', IMMUTABLE).send()
        }
        const file = await media.read(id, w)
        reply.header('etag', file.etag).header('cache-control', IMMUTABLE)
        return reply.type(file.contentType).send(file.bytes)
      },
    )
  }
  return routes
}
