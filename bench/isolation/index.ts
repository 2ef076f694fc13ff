// `npm run bench -- isolation [--events N] [--seconds S] [--rate R] [--join-rate J] [--connections C] [--pin]`: does a queue surge slow
// catalog search? On PostgreSQL and a private Redis: a catalog API process, a queue API process, a worker, and two
// gateways — one sending queue traffic to its own pool, one balancing everything over both processes. Search runs
// open-loop at R requests/s through a gateway (latency counted from when each request was due, so a stall is not
// hidden), first alone, then while joins run through the same gateway: a steady surge of J joins/s (open loop),
// then a flood (as fast as C connections allow, which saturates whatever is slowest). One table.
// --pin plays the pools on separate machines: each API pool on a core of its own (see processes.ts).
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { Pool } from 'undici'
import { events as eventsTable, seatGrades } from '../../server/src/modules/catalog/catalog.tables.ts'
import { generateEvents } from '../../server/src/modules/catalog/search/fixtures/event-generator.ts'
import { insertEvent } from '../../server/test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../server/test/fans-factory.ts'
import { startRedisServer } from '../../server/test/topology/redis-server.ts'
import { buildQueryMix } from '../search/query-mix.ts'
import { createStorage } from '../surge/setup.ts'
import { canPin, type Pinned, runOn, startProcess } from './processes.ts'

const MAIN = new URL('../../server/src/main.ts', import.meta.url).pathname
const DRIVER = new URL('./surge-driver.ts', import.meta.url).pathname
const FANS_PER_SURGE = 10_000
/** With --pin: the catalog pool on CPU 0; the queue pool, its worker and the surge on CPU 1. */
let CATALOG_CPU: number | undefined
let QUEUE_CPU: number | undefined

interface Timing {
  count: number
  p50: number
  p99: number
  errors: number
}
interface SurgeResult {
  count: number
  perSecond: number
  p50: number
  p99: number
  statuses: Record<string, number>
}

/** Open loop: one search every 1000/rate ms for `seconds`, whatever the answers' pace. */
async function searchLoad(origin: string, queries: string[], rate: number, seconds: number): Promise<Timing> {
  const pool = new Pool(origin, { connections: 32, pipelining: 1 })
  const latencies: number[] = []
  let errors = 0
  const started = performance.now()
  const total = Math.round(rate * seconds)
  const inFlight: Promise<void>[] = []
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    const q = queries[i % queries.length]!
    inFlight.push(
      pool
        .request({ method: 'GET', path: `/api/events?q=${encodeURIComponent(q)}&limit=20` })
        .then(async (res) => {
          await res.body.dump()
          if (res.statusCode !== 200) errors++
        })
        .catch(() => {
          errors++
        })
        .finally(() => latencies.push(performance.now() - due)),
    )
  }
  await Promise.all(inFlight)
  await pool.close()
  latencies.sort((a, b) => a - b)
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]!
  return { count: latencies.length, p50: at(0.5), p99: at(0.99), errors }
}

/** The surge runs in its own process (on the queue pool's core), so its load generator does not slow our timings. */
async function surge(job: object): Promise<SurgeResult> {
  return JSON.parse(await runOn(QUEUE_CPU, DRIVER, JSON.stringify(job))) as SurgeResult
}

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: 'string', default: '5000' },
      seconds: { type: 'string', default: '15' },
      rate: { type: 'string', default: '50' },
      connections: { type: 'string', default: '64' },
      pin: { type: 'boolean', default: false },
      'join-rate': { type: 'string', default: '200' },
    },
  })
  const eventCount = Number(values.events)
  const seconds = Number(values.seconds)
  const rate = Number(values.rate)
  const connections = Number(values.connections)
  const joinRate = Number(values['join-rate'])
  const pinned = values.pin && canPin
  if (pinned) [CATALOG_CPU, QUEUE_CPU] = [0, 1]
  const log = (line: string) => process.stderr.write(`${line}\n`)
  // The machine is shared: the load when the run began says how far to trust its numbers.
  const startLoad = loadavg()[0]!.toFixed(1)
  const storage = await createStorage('postgres')
  const redis = await startRedisServer()
  const children: Pinned[] = []
  try {
    log(`preparing ${eventCount} events and fans…`)
    const setup = await storage.open()
    const generated = generateEvents(eventCount, 7, { now: new Date(), idPrefix: 'iso-' })
    for (let i = 0; i < generated.length; i += 500) {
      const slice = generated.slice(i, i + 500)
      await setup.db.insert(eventsTable).values(
        slice.map((e) => ({
          id: e.id,
          organizerId: 'bench-organizer',
          title: e.title,
          description: e.description,
          category: e.category,
          performers: e.performers,
          venueName: e.venueName,
          venueCity: e.venueCity,
          venueAddress: e.venueAddress,
          startsAt: new Date(e.startsAt),
          endsAt: new Date(e.endsAt),
          saleOpensAt: new Date(e.saleOpensAt),
          saleClosesAt: new Date(e.saleClosesAt),
          perUserLimit: e.perUserLimit,
          paymentDeadline: { policy: 'end_of_day' as const },
        })),
      )
      await setup.db.insert(seatGrades).values(
        slice.flatMap((e) =>
          e.grades.map((g, position) => ({
            id: `${e.id}-${position}`,
            eventId: e.id,
            position,
            ...g,
            remaining: g.capacity,
          })),
        ),
      )
    }
    const grade = [{ name: 'R석', price: 154_000, capacity: 1_000 }]
    const surgeEvents = [] as Awaited<ReturnType<typeof insertEvent>>[]
    for (let i = 0; i < 5; i++) surgeEvents.push(await insertEvent(setup.db, { grades: grade }))
    const fans = await insertFans(setup.db, 4 * FANS_PER_SURGE + 1_000)
    await setup.close()
    const queries = buildQueryMix(generated, 2_000, 11).map((q) => q.q)

    const env = {
      ...storage.env,
      REDIS_URL: redis.url,
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMITS: 'off',
      SEED_DEMO: 'off',
    }
    const start = async (cpu: number | undefined, extra: Record<string, string>) => {
      const child = await startProcess(MAIN, { ...env, ...extra }, cpu)
      children.push(child)
      return child
    }
    const [catalogApi, queueApi] = await Promise.all([
      start(CATALOG_CPU, { ROLES: 'api', TRUST_PROXY: '1' }),
      start(QUEUE_CPU, { ROLES: 'api', TRUST_PROXY: '1' }),
    ])
    await start(QUEUE_CPU, { ROLES: 'worker' })
    const [split, mixed] = await Promise.all([
      start(undefined, { ROLES: 'gateway', API_UPSTREAMS: catalogApi.url, QUEUE_UPSTREAMS: queueApi.url }),
      start(undefined, { ROLES: 'gateway', API_UPSTREAMS: `${catalogApi.url},${queueApi.url}` }),
    ])
    // A fresh process is slow for its first seconds on a busy box (the JIT warms up late): warm every path first.
    log('warming up every path…')
    const warm = surgeEvents[4]!
    const warmTokens = fans.slice(4 * FANS_PER_SURGE).map((f) => f.token)
    for (const gateway of [split.url, mixed.url]) {
      const joins = surge({
        origin: gateway,
        eventId: warm.eventId,
        gradeId: warm.grades[0]!.id,
        tokens: warmTokens.splice(0, 500),
        connections,
        seconds: 5,
        rate: 100,
      })
      await searchLoad(gateway, queries, rate, 5)
      await joins
    }
    await searchLoad(catalogApi.url, queries, rate, 5)

    log('search alone, straight to the catalog API process…')
    const direct = await searchLoad(catalogApi.url, queries, rate, seconds)
    log('search alone…')
    const alone = await searchLoad(split.url, queries, rate, seconds)
    let phase = 0
    const during = async (gateway: string, joinRate: number | undefined) => {
      const event = surgeEvents[phase]!
      const tokens = fans.slice(phase * FANS_PER_SURGE, (phase + 1) * FANS_PER_SURGE).map((f) => f.token)
      phase++
      const gradeId = event.grades[0]!.id
      const joins = surge({
        origin: gateway,
        eventId: event.eventId,
        gradeId,
        tokens,
        connections,
        seconds,
        rate: joinRate,
      })
      await sleep(500) // let the surge build up before measuring
      const search = await searchLoad(gateway, queries, rate, seconds - 1)
      return { search, joins: await joins }
    }
    log(`search during a surge of ${joinRate} joins/s, queue pool apart…`)
    const steadyApart = await during(split.url, joinRate)
    log('… one shared pool…')
    const steadyShared = await during(mixed.url, joinRate)
    log('search during a flood of joins, queue pool apart…')
    const floodApart = await during(split.url, undefined)
    log('… one shared pool…')
    const floodShared = await during(mixed.url, undefined)

    const ms = (x: number) => x.toFixed(1)
    const joinsText = (r: SurgeResult) =>
      `${Math.round(r.perSecond)} · ${ms(r.p99)} · ${Object.entries(r.statuses)
        .map(([s, n]) => `${s === '0' ? 'error' : s}×${n}`)
        .join(' ')}`
    const row = (name: string, t: Timing, joins: string) =>
      `| ${name} | ${t.count} | ${ms(t.p50)} | ${ms(t.p99)} | ${t.errors} | ${joins} |`
    const table = [
      `isolation · PostgreSQL + Redis · ${eventCount} events · search ${rate}/s open-loop · ${seconds} s each · ${pinned ? 'pools pinned to separate cores' : 'unpinned'} · load average at start ${startLoad} · ${new Date().toISOString()}`,
      '| catalog search through the gateway, while… | searches | p50 ms | p99 ms | errors | joins/s · join p99 ms · statuses |',
      '|---|---:|---:|---:|---:|---|',
      row('no surge, no gateway (catalog API directly)', direct, '—'),
      row('no surge', alone, '—'),
      row(`surge of ${joinRate} joins/s, queue pool apart`, steadyApart.search, joinsText(steadyApart.joins)),
      row(`surge of ${joinRate} joins/s, one shared pool`, steadyShared.search, joinsText(steadyShared.joins)),
      row(
        `flood: joins at ${connections} connections, queue pool apart`,
        floodApart.search,
        joinsText(floodApart.joins),
      ),
      row(
        `flood: joins at ${connections} connections, one shared pool`,
        floodShared.search,
        joinsText(floodShared.joins),
      ),
    ]
    process.stdout.write(`${table.join('\n')}\n`)
  } finally {
    for (const c of children.reverse()) await c.stop().catch(() => {})
    await redis.stop()
    await storage.cleanup()
  }
}
