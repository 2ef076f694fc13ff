// `npm run bench -- surge [--db pglite|postgres] [--topology one|split] [--fans N] [--connections C] [--seats S]
// [--naive N] [--warmup W]`: the surge. N fans with tokens ready join one event over HTTP at C connections. In the
// same run: the worker's pure processing rate on a pre-filled backlog, a trivial route (the HTTP ceiling), the join
// route with the queue taken out (bench/surge/edge-server.ts: what HTTP, the token and the schemas cost alone), and
// the naive design (synchronous booking under SELECT … FOR UPDATE). Each measured phase also reports where the CPU
// went per request: the server, a local PostgreSQL, the load generator (this process), and what stayed idle.
// Prints one table; correctness (oversold, FIFO) is read from the database afterwards. Each server first serves W
// requests of the kind measured (W other fans on another event), so the JIT has compiled the path before the clock
// starts. Topology `one` is one process with every role (the embedded database allows only that); `split`
// (PostgreSQL only) is an API process plus a worker process, as a PostgreSQL deployment runs.
import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { sql } from 'drizzle-orm'
import { insertEvent } from '../../server/test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../server/test/fans-factory.ts'
import { type Child, machineCpu, postgresCpuMs, startProcess } from '../processes.ts'
import { drive, type LoadResult, type RequestSpec } from './load.ts'
import { createStorage, insertBacklog } from './setup.ts'

const MAIN = new URL('../../server/src/main.ts', import.meta.url).pathname
const NAIVE = new URL('./naive-server.ts', import.meta.url).pathname
const EDGE = new URL('./edge-server.ts', import.meta.url).pathname

interface Stats {
  servedUpTo: number
  lastNumber: number
  processedPerSecond: number
}

export async function stats(url: string, eventId: string): Promise<Stats> {
  return (await (await fetch(`${url}/api/events/${eventId}/queue/stats`)).json()) as Stats
}

/** Polls until every entry of the event has its result; returns performance.now() when that was first seen. */
export async function drained(url: string, eventId: string, expected: number) {
  for (;;) {
    const s = await stats(url, eventId)
    if (s.lastNumber >= expected && s.servedUpTo === s.lastNumber) return performance.now()
    await sleep(10)
  }
}

type Fan = { token: string }
type Event = { eventId: string; grades: { id: string }[] }

/** Fan i takes one seat of the event's first grade: through the queue, or the naive server's synchronous booking. */
function join(event: Event, fans: Fan[], design: 'queue' | 'naive' = 'queue'): (i: number) => RequestSpec {
  const body = JSON.stringify({ gradeId: event.grades[0]!.id, quantity: 1 })
  const path = design === 'queue' ? `/api/events/${event.eventId}/queue` : `/naive/events/${event.eventId}/book`
  return (i) => ({
    method: 'POST',
    path,
    headers: { authorization: `Bearer ${fans[i]!.token}`, 'content-type': 'application/json' },
    body,
  })
}

export interface Phase {
  load: LoadResult
  /** CPU µs per request: the server's processes (API and worker), PostgreSQL's, this one (the load generator). */
  serverUs: number
  postgresUs: number
  loadUs: number
  /** Share of the machine's CPU time left idle while the phase ran. */
  idlePercent: number
}

/** Runs one measured phase of `count` requests against `servers`, with the CPU each part of the machine spent. */
export async function measure(servers: Child[], count: number, run: () => Promise<LoadResult>): Promise<Phase> {
  const serverCpu = () => servers.reduce((sum, s) => sum + s.cpuMs(), 0)
  const before = { server: serverCpu(), postgres: postgresCpuMs(), load: process.cpuUsage(), machine: machineCpu() }
  const load = await run()
  const machine = machineCpu()
  const generator = process.cpuUsage(before.load)
  const perRequest = (ms: number) => (ms * 1000) / count
  return {
    load,
    serverUs: perRequest(serverCpu() - before.server),
    postgresUs: perRequest(postgresCpuMs() - before.postgres),
    loadUs: (generator.user + generator.system) / count,
    idlePercent: (100 * (machine.idle - before.machine.idle)) / (machine.total - before.machine.total),
  }
}

export const statusText = (r: LoadResult) =>
  [...r.statuses]
    .sort()
    .map(([s, n]) => `${s === 0 ? 'error' : s}×${n}`)
    .join(' ')

export async function run(args: string[]) {
  if (args.includes('--door')) return (await import('./door.ts')).runDoor(args.filter((a) => a !== '--door'))
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string', default: 'postgres' },
      topology: { type: 'string' },
      fans: { type: 'string', default: '100000' },
      connections: { type: 'string', default: '100' },
      seats: { type: 'string', default: '1000' },
      naive: { type: 'string' },
      warmup: { type: 'string', default: '5000' },
    },
  })
  const kind = values.db === 'pglite' ? 'pglite' : 'postgres'
  const topology = values.topology ?? 'one'
  if (topology !== 'one' && topology !== 'split') throw new Error('--topology is one or split')
  if (topology === 'split' && kind === 'pglite') throw new Error('the embedded database runs in one process only')
  const fans = Number(values.fans)
  const connections = Number(values.connections)
  const seats = Number(values.seats)
  const warmup = Number(values.warmup)
  // The naive design's rate is steady after its seats are gone; a slice of the fans measures it well enough.
  const naiveCount = Math.min(fans, Number(values.naive ?? 20_000))
  const storage = await createStorage(kind)
  const log = (line: string) => process.stderr.write(`${line}\n`)
  try {
    log(`preparing ${fans} fans on ${kind}…`)
    const setup = await storage.open()
    const grade = [{ name: 'R석', price: 154_000, capacity: seats }]
    const surge = await insertEvent(setup.db, { grades: grade })
    const backlog = await insertEvent(setup.db, { grades: grade })
    const naive = await insertEvent(setup.db, { grades: grade })
    const people = await insertFans(setup.db, fans)
    const warmQueue = await insertEvent(setup.db, { grades: grade })
    const warmNaive = await insertEvent(setup.db, { grades: grade })
    const warmFans = warmup > 0 ? await insertFans(setup.db, warmup) : []
    await insertBacklog(setup, backlog.eventId, backlog.grades[0]!.id, fans)
    await setup.close()

    const env = { ...storage.env, JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off', SEED_DEMO: 'off' }
    const [server, worker] = await Promise.all(
      topology === 'one'
        ? [startProcess(MAIN, env)]
        : [startProcess(MAIN, { ...env, ROLES: 'api' }), startProcess(MAIN, { ...env, ROLES: 'worker' })],
    )
    const bootedAt = performance.now()
    const backlogDone = await drained(server.url, backlog.eventId, fans)
    const processing = fans / ((backlogDone - bootedAt) / 1000)
    log(`backlog of ${fans} processed: ${Math.round(processing)} entries/s`)

    // CPU per request comes from each process's own CPU time: steadier than a rate when two cores are shared.
    const trivial = () => ({ method: 'GET' as const, path: '/healthz' })
    await drive(server.url, connections, warmup, trivial)
    const servers = worker ? [server, worker] : [server]
    const ceiling = await measure(servers, fans, () => drive(server.url, connections, fans, trivial))
    log(`trivial route: ${Math.round(ceiling.load.perSecond)}/s`)

    await drive(server.url, connections, warmup, join(warmQueue, warmFans))
    const joined = await measure(servers, fans, () => drive(server.url, connections, fans, join(surge, people)))
    const joins = joined.load
    const lastResult = await drained(server.url, surge.eventId, fans)
    log(`joins: ${Math.round(joins.perSecond)}/s`)
    await server.stop()
    await worker?.stop()

    // The same requests to the join route of a server without a queue behind it.
    const edgeServer = await startProcess(EDGE, env)
    await drive(edgeServer.url, connections, warmup, join(warmQueue, warmFans))
    const edge = await measure([edgeServer], fans, () => drive(edgeServer.url, connections, fans, join(surge, people)))
    await edgeServer.stop()

    const naiveServer = await startProcess(NAIVE, env)
    await drive(naiveServer.url, connections, warmup, join(warmNaive, warmFans, 'naive'))
    const naiveRun = await drive(naiveServer.url, connections, naiveCount, join(naive, people, 'naive'))
    await naiveServer.stop()

    const check = await storage.open()
    const rows = async (query: ReturnType<typeof sql>) =>
      (await check.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }
    const soldOf = async (eventId: string) =>
      Number(
        (await rows(sql`select count(*)::int as n from tickets where event_id = ${eventId} and status = 'valid'`))
          .rows[0]!.n,
      )
    const { rows: fifo } = await rows(sql`select
        (select count(*)::int from queue_entries where event_id = ${surge.eventId} and status = 'waiting') as unresolved,
        (select count(*)::int from queue_entries f where f.event_id = ${surge.eventId} and f.reason = 'sold_out'
           and f.number < (select max(number) from queue_entries w where w.event_id = ${surge.eventId}
                           and w.status = 'succeeded')) as violations`)
    const surgeSold = await soldOf(surge.eventId)
    const naiveSold = await soldOf(naive.eventId)
    await check.close()

    const ms = (x: number) => `${x.toFixed(1)} ms`
    const pct = (a: number, b: number) => `${Math.round((100 * a) / b)}%`
    const cpu = (phase: Phase) => {
      const postgres = kind === 'postgres' ? ` + PostgreSQL ${Math.round(phase.postgresUs)}` : ''
      return `server ${Math.round(phase.serverUs)}${postgres} + load generator ${Math.round(phase.loadUs)} · ${Math.round(phase.idlePercent)}% idle`
    }
    const rate = ({ load }: Phase) => `${Math.round(load.perSecond)} /s, p50 ${ms(load.p50)}, p99 ${ms(load.p99)}`
    const table = [
      `surge · ${kind} · ${topology === 'one' ? 'one process' : 'API + worker processes'} · ${fans} fans · ${connections} connections · ${seats} seats · ${new Date().toISOString()}`,
      '| measure | value |',
      '|---|---|',
      `| trivial route (HTTP ceiling) | ${rate(ceiling)} · CPU µs/request: ${cpu(ceiling)} |`,
      `| join route, no queue behind it | ${rate(edge)} (${pct(edge.load.perSecond, ceiling.load.perSecond)} of ceiling) · CPU µs/request: ${cpu(edge)} · ${statusText(edge.load)} |`,
      `| joins | ${rate(joined)} (${pct(joins.perSecond, ceiling.load.perSecond)} of ceiling, ${pct(joins.perSecond, edge.load.perSecond)} of no queue) · CPU µs/join: ${cpu(joined)} · ${statusText(joins)} |`,
      `| last join → last result | ${((lastResult - joins.lastAnsweredAt) / 1000).toFixed(2)} s |`,
      `| processing (pre-filled backlog of ${fans}) | ${Math.round(processing)} entries/s |`,
      `| oversold · FIFO violations · unresolved | ${Math.max(0, surgeSold - seats)} · ${fifo[0]!.violations} · ${fifo[0]!.unresolved} (sold ${surgeSold}) |`,
      `| naive: sync booking, FOR UPDATE (${naiveCount} fans) | ${Math.round(naiveRun.perSecond)} req/s, p50 ${ms(naiveRun.p50)}, p99 ${ms(naiveRun.p99)} · ${statusText(naiveRun)} · oversold ${Math.max(0, naiveSold - seats)} |`,
      `| queue joins ÷ naive requests | ${(joins.perSecond / naiveRun.perSecond).toFixed(2)}× |`,
    ]
    process.stdout.write(`${table.join('\n')}\n`)
  } finally {
    await storage.cleanup()
  }
}
