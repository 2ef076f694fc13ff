// The catalog module's public surface: events, listing and Korean search, trending, and two ports for others:
// `inventory` (booking takes and returns seats in its transaction) and `events` (facts about an event).
import type { Db } from '../../adapters/db/database.ts'
import type { Clock } from '../../kernel/clock.ts'
import type { IdGenerator } from '../../kernel/ids.ts'
import type { AccessTokenVerifier } from '../../kernel/principal.ts'
import { createIndexSync } from './catalog.index-sync.ts'
import { organizerOf, returnSeats, saleTerms, takeSeats } from './catalog.inventory.ts'
import { createCatalogListing } from './catalog.listing.ts'
import { catalogRepository } from './catalog.repository.ts'
import { catalogRoutes } from './catalog.routes.ts'
import { createSearchCache } from './catalog.search-cache.ts'
import { createCatalogService } from './catalog.service.ts'
import { createInMemoryTrending, type TrendingCounter } from './catalog.trending.ts'
import type { PosterUrl } from './catalog.views.ts'
import { createKoreanSearchIndex } from './search/korean-index.ts'

export { type CatalogErrorCode, eventNotFound } from './catalog.errors.ts'
export type { EventInput } from './catalog.schemas.ts'
export type { CatalogService } from './catalog.service.ts'
export type { EventCategory, PaymentDeadlinePolicy } from './catalog.tables.ts'
export type { EventSummary, EventView } from './catalog.views.ts'

/** How often each API process looks for catalog changes made by any process. */
export const INDEX_POLL_MS = 300

export interface CatalogModuleDeps {
  db: Db
  clock: Clock
  newId: IdGenerator
  verifyAccessToken: AccessTokenVerifier
  posterExists: (mediaId: string) => Promise<boolean>
  posterUrl: PosterUrl
  trending?: TrendingCounter
  onSyncError?: (error: unknown) => void
}

export function createCatalog(deps: CatalogModuleDeps) {
  const index = createKoreanSearchIndex()
  const sync = createIndexSync({ db: deps.db, index, ...(deps.onSyncError && { onError: deps.onSyncError }) })
  const trending = deps.trending ?? createInMemoryTrending()
  const service = createCatalogService({ ...deps, sync, trending })
  const listing = createCatalogListing({ ...deps, index, sync, trending, cache: createSearchCache() })
  return {
    service,
    listing,
    routes: catalogRoutes({ service, listing, verifyAccessToken: deps.verifyAccessToken }),
    countEvents: () => catalogRepository.countEvents(deps.db),
    /** Seats, inside the caller's transaction; the database's check is the last word on overselling. */
    inventory: { saleTerms, takeSeats, returnSeats },
    events: {
      saleTerms: (eventId: string) => saleTerms(deps.db, eventId),
      startsAt: async (eventId: string) => (await saleTerms(deps.db, eventId))?.startsAt,
      organizerOf: (eventId: string) => organizerOf(deps.db, eventId),
    },
    /** Loads every event into this process's index, then follows changes. */
    async start() {
      await sync.poll()
      sync.start(INDEX_POLL_MS)
    },
    stop: () => sync.stop(),
  }
}

export type Catalog = ReturnType<typeof createCatalog>
