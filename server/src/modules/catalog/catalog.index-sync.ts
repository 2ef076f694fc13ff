// Keeps this process's search index following the catalog in the database. Every API process loads all events at
// start, then polls `events.updated_at` (a (updated_at, id) cursor) a few times a second, so an event written by
// any process is findable everywhere within about a second, with no message broker.
//
// A transaction may commit a little after a later one, with an earlier `updated_at`; each poll therefore looks
// back OVERLAP_MS before its cursor and applies only rows newer than what it already holds. (A write whose
// transaction committed more than OVERLAP_MS after its statement ran would wait for the event's next write.)
import type { Db } from '../../adapters/db/database.ts'
import { type EventRow, catalogRepository as repo } from './catalog.repository.ts'
import type { SearchDocument, SearchIndex } from './search/search-index.ts'

const BATCH = 1000
const OVERLAP_MS = 5000

/** What search filters need to know of an event without asking the database. */
export interface EventFacet {
  startsAt: number
  organizerId: string
  updatedAt: number
}

export const searchDocumentOf = (e: EventRow): SearchDocument => ({
  id: e.id,
  title: e.title,
  performers: e.performers,
  venueName: e.venueName,
  venueCity: e.venueCity,
  category: e.category,
  description: e.description,
})

export function createIndexSync(deps: { db: Db; index: SearchIndex; onError?: (error: unknown) => void }) {
  const { db, index } = deps
  const facets = new Map<string, EventFacet>()
  let cursor = { at: new Date(0), id: '' }
  let version = 0
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined

  /** Puts an event (just written here, or read by a poll) into the index unless a newer copy is there. */
  function apply(e: EventRow): boolean {
    const held = facets.get(e.id)
    if (held && held.updatedAt >= e.updatedAt.getTime()) return false
    index.upsert(searchDocumentOf(e))
    facets.set(e.id, { startsAt: e.startsAt.getTime(), organizerId: e.organizerId, updatedAt: e.updatedAt.getTime() })
    version++
    return true
  }

  async function drain(): Promise<number> {
    let applied = 0
    let since = { at: new Date(cursor.at.getTime() - OVERLAP_MS), id: '' }
    for (;;) {
      const changed = await repo.changedSince(db, since, BATCH)
      const stale = changed.filter((c) => (facets.get(c.id)?.updatedAt ?? -1) < c.updatedAt.getTime())
      if (stale.length > 0) {
        for (const e of await repo.eventsByIds(
          db,
          stale.map((c) => c.id),
        ))
          if (apply(e)) applied++
      }
      const last = changed.at(-1)
      if (last && (last.updatedAt > cursor.at || (+last.updatedAt === +cursor.at && last.id > cursor.id))) {
        cursor = { at: last.updatedAt, id: last.id }
      }
      if (changed.length < BATCH || !last) return applied
      // Rows written by others at sub-millisecond precision can repeat a page; never loop on one.
      if (+last.updatedAt === +since.at && last.id === since.id) return applied
      since = { at: last.updatedAt, id: last.id }
    }
  }

  return {
    apply,
    facets,
    /** Grows whenever the index changes; caches of search results compare it. */
    get version() {
      return version
    },
    /** Applies every change since the last poll; concurrent callers share one run. */
    poll(): Promise<number> {
      running ??= drain().finally(() => {
        running = undefined
      })
      return running
    },
    start(intervalMs: number) {
      let failing = false // report the first failure of a streak, not one every interval
      timer ??= setInterval(() => {
        this.poll().then(
          () => {
            failing = false
          },
          (error) => {
            if (!failing) deps.onError?.(error)
            failing = true
          },
        )
      }, intervalMs)
      timer.unref()
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      await running?.catch(() => {})
    },
  }
}

export type IndexSync = ReturnType<typeof createIndexSync>
