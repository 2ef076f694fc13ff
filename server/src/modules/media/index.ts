// The media module's public surface: uploads judged by their bytes, stored content-addressed in a blob store, and
// their URLs (`mediaUrl`, which the catalog uses for posters). It asks nothing of other modules: a blob store, the
// access-token check and a rate limiter.
import type { BlobStore } from '../../adapters/blob-store/blob-store.ts'
import type { AccessTokenVerifier } from '../../kernel/principal.ts'
import type { RateLimiter } from '../../kernel/rate-limit.ts'
import { mediaRoutes } from './media.routes.ts'
import { createMediaService } from './media.service.ts'

export { VARIANT_WIDTHS } from './media.rules.ts'
export { type MediaService, type MediaView, mediaUrl } from './media.service.ts'

export interface MediaModuleDeps {
  blobs: BlobStore
  verifyAccessToken: AccessTokenVerifier
  rateLimit: RateLimiter
  maxUploadBytes: number
}

export function createMedia(deps: MediaModuleDeps) {
  const service = createMediaService({ blobs: deps.blobs })
  return { service, routes: mediaRoutes({ ...deps, media: service }) }
}
