// `npm run bench -- search [--events=100000] [--no-pg] [--no-minisearch]`: our Korean index beside MiniSearch,
// PostgreSQL ILIKE and a pg_trgm GIN index, over the same generated events and query mix, in one table.
import { cpus, loadavg } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { generateEvents } from '../../server/src/modules/catalog/search/fixtures/event-generator.ts'
import { relevanceCatalog } from '../../server/src/modules/catalog/search/fixtures/relevance-catalog.ts'
import { scoreQuery, summarize } from '../../server/src/modules/catalog/search/fixtures/relevance-metrics.ts'
import { LABELLED_QUERIES } from '../../server/src/modules/catalog/search/fixtures/relevance-queries.ts'
import { createKoreanSearchIndex } from '../../server/src/modules/catalog/search/korean-index.ts'
import type { SearchIndex } from '../../server/src/modules/catalog/search/search-index.ts'
import { createMiniSearchIndex } from './minisearch-index.ts'
import { openSqlBaseline } from './postgres.ts'
import { type BenchQuery, buildQueryMix } from './query-mix.ts'

setFlagsFromString('--expose-gc')
const PG_QUERIES = 300
const gc = runInNewContext('gc') as () => void

interface SameRow {
  engine: string
  qps: number
  p50: number
  p99: number
  found: number
}

interface Row {
  engine: string
  build: string
  memory: string
  qps: number
  p50: number
  p99: number
  /** CPU time of this process per query: what the query costs, whatever else the machine is doing. */
  cpu50: number | null
  cpu99: number | null
  found: number
  ndcg: string
}

function heapMb(): number {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
}

/** Times `budget` queries cycling through the mix (after a warm-up), in wall-clock and in this process's CPU time. */
async function timeQueries(mix: BenchQuery[], run: (q: string) => number | Promise<number>, budget: number) {
  const times: number[] = []
  const cpu: number[] = []
  let found = 0
  for (const { q } of mix.slice(0, Math.min(mix.length, 200, Math.ceil(budget / 10)))) await run(q)
  const t0 = performance.now()
  for (let i = 0; i < budget; i++) {
    const q = mix[i % mix.length]!.q
    const c = process.cpuUsage()
    const s = performance.now()
    const n = await run(q)
    times.push(performance.now() - s)
    const used = process.cpuUsage(c)
    cpu.push((used.user + used.system) / 1000)
    if (n > 0) found++
  }
  const total = (performance.now() - t0) / 1000
  times.sort((a, b) => a - b)
  cpu.sort((a, b) => a - b)
  return {
    qps: budget / total,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    cpu50: percentile(cpu, 0.5),
    cpu99: percentile(cpu, 0.99),
    found: found / budget,
  }
}

function relevanceOf(make: () => SearchIndex): string {
  const events = relevanceCatalog()
  const index = make()
  for (const e of events) index.upsert(e)
  const overall = summarize(LABELLED_QUERIES.map((lq) => scoreQuery(index, events, lq))).at(-1)!
  return overall.ndcg.toFixed(3)
}

async function measureIndex(
  engine: string,
  make: () => SearchIndex,
  events: ReturnType<typeof generateEvents>,
  mix: BenchQuery[],
  budget: number,
): Promise<Row> {
  const before = heapMb()
  const t0 = performance.now()
  const c0 = process.cpuUsage()
  const index = make()
  for (const e of events) index.upsert(e)
  const build = (performance.now() - t0) / 1000
  const c = process.cpuUsage(c0)
  const buildCpu = (c.user + c.system) / 1e6
  const memory = heapMb() - before
  const t = await timeQueries(mix, (q) => index.search(q, { limit: 20 }).length, budget)
  const row = {
    engine,
    build: `${build.toFixed(1)} s (CPU ${buildCpu.toFixed(1)} s)`,
    memory: `${memory.toFixed(0)} MB heap`,
    ...t,
    ndcg: relevanceOf(make),
  }
  if (index.size !== events.length) throw new Error(`${engine} holds ${index.size} of ${events.length}`)
  return row
}

function flag(args: string[], name: string): string | undefined {
  const hit = args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`))
  return hit?.includes('=') ? hit.split('=')[1] : hit ? '' : undefined
}

export async function run(args: string[]): Promise<void> {
  const n = Number(flag(args, 'events') || 100_000)
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://root:root@127.0.0.1:5432/test'
  const events = generateEvents(n, 2026)
  const mix = buildQueryMix(events, 2_000, 11)
  const rows: Row[] = []
  // Other work on the machine shows in wall-clock latency; the load average is printed beside the numbers.
  const loadBefore = loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')
  const log = (s: string) => process.stderr.write(`${s}\n`)

  log(`our index: ${n} events`)
  rows.push(await measureIndex('ours (in-memory, Korean)', createKoreanSearchIndex, events, mix, 20_000))
  const perKind = await perKindLatency(events, mix)
  if (flag(args, 'no-minisearch') === undefined) {
    log('minisearch')
    rows.push(
      await measureIndex(
        'MiniSearch + our tokenizer, prefix',
        () => createMiniSearchIndex({ fuzzy: false }),
        events,
        mix,
        1_000,
      ),
    )
    rows.push(
      await measureIndex(
        'MiniSearch + our tokenizer, prefix + fuzzy',
        () => createMiniSearchIndex({ fuzzy: true }),
        events,
        mix,
        300,
      ),
    )
  }
  const same: SameRow[] = []
  if (flag(args, 'no-pg') === undefined) {
    log('postgres')
    // The SQL baselines and ours over the very same queries, for the speed-up.
    const pgMix = mix.slice(0, PG_QUERIES)
    same.push({
      engine: 'ours',
      ...(await timeQueries(pgMix, (q) => perKind.index.search(q, { limit: 20 }).length, 3_000)),
    })
    const sql = await openSqlBaseline(url)
    try {
      const load = await sql.load(events)
      const table = await sql.tableBytes()
      const ilike = await timeQueries(pgMix, (q) => sql.query(q), pgMix.length)
      same.push({ engine: "ILIKE '%q%'", ...ilike })
      rows.push({
        engine: "PostgreSQL ILIKE '%q%' (seq scan)",
        build: `${load.toFixed(1)} s load`,
        memory: `${(table / 2 ** 20).toFixed(0)} MB table`,
        ...ilike,
        cpu50: null,
        cpu99: null,
        ndcg: '–',
      })
      const trgm = await sql.addTrigramIndex()
      const viaTrgm = await timeQueries(pgMix, (q) => sql.query(q), pgMix.length)
      same.push({ engine: "ILIKE '%q%' + pg_trgm GIN", ...viaTrgm })
      rows.push({
        engine: "PostgreSQL ILIKE '%q%' + pg_trgm GIN",
        build: `${trgm.seconds.toFixed(1)} s index`,
        memory: `${(trgm.bytes / 2 ** 20).toFixed(0)} MB index`,
        ...viaTrgm,
        cpu50: null,
        cpu99: null,
        ndcg: '–',
      })
    } finally {
      await sql.close()
    }
  }
  const load = `${loadBefore} → ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`
  print(n, rows, perKind.out, same, load)
}

async function perKindLatency(events: ReturnType<typeof generateEvents>, mix: BenchQuery[]) {
  const index = createKoreanSearchIndex()
  for (const e of events) index.upsert(e)
  const kinds = [...new Set(mix.map((m) => m.kind))].sort()
  const out: { kind: string; p50: number; p99: number; cpu99: number; found: number }[] = []
  for (const kind of kinds) {
    const t = await timeQueries(
      mix.filter((m) => m.kind === kind),
      (q) => index.search(q, { limit: 20 }).length,
      3_000,
    )
    out.push({ kind, p50: t.p50, p99: t.p99, cpu99: t.cpu99, found: t.found })
  }
  // The catalog asks for 1,000 hits (it pages and filters them itself and caches the list).
  const deep = await timeQueries(mix, (q) => index.search(q, { limit: 1000 }).length, 3_000)
  out.push({ kind: 'all kinds, limit 1000', p50: deep.p50, p99: deep.p99, cpu99: deep.cpu99, found: deep.found })
  // Catalog changes at full size: an edit re-analyses the event and moves it between postings lists.
  const edits = events.slice(0, 2_000).map((e, i) => ({ ...e, title: `${e.title} 앙코르 ${i}`, venueCity: '세종' }))
  let at = 0
  const edit = await timeQueries(
    edits.map((e) => ({ kind: 'edit', q: e.id })),
    () => {
      index.upsert(edits[at++ % edits.length]!)
      return 1
    },
    2_000,
  )
  out.push({ kind: 'upsert (edit an event)', p50: edit.p50, p99: edit.p99, cpu99: edit.cpu99, found: 1 })
  let gone = 0
  const removal = await timeQueries(
    [{ kind: 'remove', q: '' }],
    () => {
      index.remove(events[events.length - 1 - gone++]!.id)
      return 1
    },
    2_000,
  )
  out.push({ kind: 'remove', p50: removal.p50, p99: removal.p99, cpu99: removal.cpu99, found: 1 })
  return { out, index }
}

function print(
  n: number,
  rows: Row[],
  perKind: Awaited<ReturnType<typeof perKindLatency>>['out'],
  same: SameRow[],
  load: string,
) {
  const ms = (x: number | null) => (x === null ? '–' : x < 1 ? x.toFixed(3) : x.toFixed(1))
  const ours = rows[0]!
  const lines = [
    `search bench: ${n.toLocaleString('en')} events, Node ${process.version}, ${cpus().length} cores, ${new Date().toISOString().slice(0, 10)}, load average ${load}`,
    '',
    '| engine | build | memory | queries/s | p50 ms | p99 ms | CPU p50 ms | CPU p99 ms | found any | nDCG@10 (suite) | p50 vs ours |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ]
  for (const r of rows)
    lines.push(
      `| ${r.engine} | ${r.build} | ${r.memory} | ${Math.round(r.qps).toLocaleString('en')} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.cpu50)} | ${ms(r.cpu99)} | ${(r.found * 100).toFixed(0)}% | ${r.ndcg} | ${(r.p50 / ours.p50).toFixed(0)}× |`,
    )
  lines.push(
    '',
    '| our index, by query kind (and changes) | p50 ms | p99 ms | CPU p99 ms | found any |',
    '|---|---:|---:|---:|---:|',
  )
  for (const k of perKind)
    lines.push(`| ${k.kind} | ${ms(k.p50)} | ${ms(k.p99)} | ${ms(k.cpu99)} | ${(k.found * 100).toFixed(0)}% |`)
  if (same.length) {
    const base = same[0]!
    lines.push(
      '',
      `| the same ${PG_QUERIES} queries | mean ms | p50 ms | p99 ms | found any | mean vs ours | p50 vs ours |`,
      '|---|---:|---:|---:|---:|---:|---:|',
    )
    for (const r of same)
      lines.push(
        `| ${r.engine} | ${ms(1000 / r.qps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${(r.found * 100).toFixed(0)}% | ${(base.qps / r.qps).toFixed(0)}× | ${(r.p50 / base.p50).toFixed(0)}× |`,
      )
  }
  process.stdout.write(`${lines.join('\n')}\n`)
}
