// The demo catalog: on a first start with SEED_DEMO, about 200 realistic Korean events with generated posters,
// owned by the demo organizer, plus one event whose sale opens two minutes after start so the queue can be tried
// at once. A catalog that has any event is left alone, so later starts cost one count query.
import { eq } from 'drizzle-orm'
import type { Logger } from 'pino'
import type { Db } from '../adapters/db/database.ts'
import type { Clock } from '../kernel/clock.ts'
import { users } from '../modules/auth/auth.tables.ts'
import type { Catalog, EventInput } from '../modules/catalog/index.ts'
import { generateEvents } from '../modules/catalog/search/fixtures/event-generator.ts'
import type { MediaService } from '../modules/media/index.ts'
import { DEMO_ACCOUNTS } from './demo.ts'
import { renderPoster } from './demo-posters.ts'

export const DEMO_EVENT_COUNT = 200
const SEED = 20_260_101
const MINUTE = 60_000

export interface DemoCatalogDeps {
  db: Db
  catalog: Catalog
  media: MediaService
  clock: Clock
  logger: Logger
}

/** The event to try the queue with: its sale opens two minutes after this start, with few seats so it sells out. */
export function queueDemoEvent(now: Date): EventInput {
  const at = (ms: number) => new Date(now.getTime() + ms).toISOString()
  return {
    title: '[체험] 아이유 콘서트 〈HEREH〉 대기열 오픈 - 서울',
    description:
      '서버를 켜고 2분 뒤 예매가 열립니다. 여러 창에서 동시에 대기열에 들어가 순서대로 처리되는 것을 확인해 보세요.',
    category: 'concert',
    performers: ['아이유 (IU)'],
    venue: { name: 'KSPO DOME', city: '서울', address: '서울 송파구 올림픽로 424' },
    startsAt: at(7 * 24 * 60 * MINUTE),
    endsAt: at(7 * 24 * 60 * MINUTE + 150 * MINUTE),
    saleOpensAt: at(2 * MINUTE),
    saleClosesAt: at(6 * 24 * 60 * MINUTE),
    perUserLimit: 2,
    paymentDeadline: { policy: 'minutes', minutes: 10 },
    grades: [
      { name: 'VIP석', price: 165_000, capacity: 20 },
      { name: 'R석', price: 143_000, capacity: 60 },
    ],
  }
}

/** Runs `fn` over the items with at most `limit` at a time; one promise per item, so callers can use each early. */
function eachLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R>[] {
  let active = 0
  const waiting: (() => void)[] = []
  return items.map(async (item) => {
    if (active >= limit) await new Promise<void>((go) => waiting.push(go))
    active++
    try {
      return await fn(item)
    } finally {
      active--
      waiting.shift()?.()
    }
  })
}

export async function seedDemoCatalog(deps: DemoCatalogDeps): Promise<{ created: number; ms: number }> {
  const started = performance.now()
  if ((await deps.catalog.countEvents()) > 0) return { created: 0, ms: performance.now() - started }
  const organizerEmail = DEMO_ACCOUNTS.find((a) => a.role === 'organizer')!.email
  const [organizer] = await deps.db.select({ id: users.id }).from(users).where(eq(users.email, organizerEmail))
  if (!organizer) {
    deps.logger.warn('demo catalog skipped: the demo organizer account does not exist')
    return { created: 0, ms: performance.now() - started }
  }
  const principal = { userId: organizer.id, role: 'organizer' as const }
  const now = deps.clock.now()
  const generated = generateEvents(DEMO_EVENT_COUNT, SEED, { now })
  const inputs: EventInput[] = [
    queueDemoEvent(now),
    ...generated.map(({ id: _id, ...e }) => ({
      title: e.title,
      description: e.description,
      category: e.category,
      performers: e.performers,
      venue: { name: e.venueName, city: e.venueCity, address: e.venueAddress },
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      saleOpensAt: e.saleOpensAt,
      saleClosesAt: e.saleClosesAt,
      perUserLimit: e.perUserLimit,
      grades: e.grades,
    })),
  ]
  // Posters render on sharp's threads, two at a time; then the events go in with one transaction.
  const posters = eachLimited(inputs, 2, async (e) =>
    deps.media.storeOwn(await renderPoster({ ...e, performers: e.performers ?? [] }), 'jpeg'),
  )
  const withPosters = await Promise.all(
    inputs.map(async (input, i) => ({ ...input, posterMediaId: await posters[i]! })),
  )
  await deps.catalog.service.createMany(principal, withPosters)
  const ms = performance.now() - started
  deps.logger.info({ events: inputs.length, ms: Math.round(ms) }, 'demo catalog seeded')
  return { created: inputs.length, ms }
}
