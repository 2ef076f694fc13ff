// A queue surge in its own process, so that its load generator does not slow the search timings of the parent:
// reads { origin, eventId, gradeId, tokens, connections, seconds, rate? } as JSON on stdin and joins until the time
// or the fans run out — at `rate` joins per second (open loop, latency counted from when each join was due) or,
// without a rate, as fast as `connections` in flight allow (a flood). Prints { count, perSecond, p50, p99, statuses }.
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'

interface Job {
  origin: string
  eventId: string
  gradeId: string
  tokens: string[]
  connections: number
  seconds: number
  rate?: number
}

let input = ''
for await (const chunk of process.stdin) input += chunk
const job = JSON.parse(input) as Job
const body = JSON.stringify({ gradeId: job.gradeId, quantity: 1 })
const pool = new Pool(job.origin, { connections: job.connections, pipelining: 1, keepAliveTimeout: 60_000 })
const latencies: number[] = []
const statuses: Record<string, number> = {}
const started = performance.now()
const stopAt = started + job.seconds * 1000
let next = 0
async function join(token: string, due: number) {
  let status = 0
  try {
    const res = await pool.request({
      method: 'POST',
      path: `/api/events/${job.eventId}/queue`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body,
    })
    status = res.statusCode
    await res.body.dump()
  } catch {}
  latencies.push(performance.now() - due)
  statuses[status] = (statuses[status] ?? 0) + 1
}
if (job.rate) {
  const inFlight: Promise<void>[] = []
  for (let i = 0; i < job.tokens.length; i++) {
    const due = started + (i * 1000) / job.rate
    if (due >= stopAt) break
    const wait = due - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    inFlight.push(join(job.tokens[i]!, due))
  }
  await Promise.all(inFlight)
} else {
  await Promise.all(
    Array.from({ length: job.connections }, async () => {
      while (next < job.tokens.length && performance.now() < stopAt) await join(job.tokens[next++]!, performance.now())
    }),
  )
}
const seconds = (performance.now() - started) / 1000
await pool.close()
latencies.sort((a, b) => a - b)
const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0
process.stdout.write(
  JSON.stringify({
    count: latencies.length,
    perSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    statuses,
  }),
)
