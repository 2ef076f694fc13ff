// A closed-loop load generator over one undici Pool: `connections` requests in flight until `count` are done.
import { performance } from 'node:perf_hooks'
import { Pool } from 'undici'

export interface LoadResult {
  count: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
  statuses: Map<number, number>
  /** performance.now() when the last request was answered. */
  lastAnsweredAt: number
}

export interface RequestSpec {
  method: 'GET' | 'POST'
  path: string
  headers?: Record<string, string>
  body?: string
}

export async function drive(
  origin: string,
  connections: number,
  count: number,
  request: (i: number) => RequestSpec,
  /** Hears each answer's body (read only when given). */
  onBody?: (i: number, status: number, body: string) => void,
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 })
  const latencies = new Float64Array(count)
  const statuses = new Map<number, number>()
  let next = 0
  let lastAnsweredAt = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < count) {
        const i = next++
        const spec = request(i)
        const t0 = performance.now()
        let status = 0
        try {
          const res = await pool.request({
            method: spec.method,
            path: spec.path,
            headers: spec.headers,
            body: spec.body,
          })
          status = res.statusCode
          if (onBody) onBody(i, status, await res.body.text())
          else await res.body.dump()
        } catch {
          status = 0 // connection error
        }
        const t1 = performance.now()
        latencies[i] = t1 - t0
        lastAnsweredAt = t1
        statuses.set(status, (statuses.get(status) ?? 0) + 1)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  await pool.close()
  const sorted = Array.from(latencies).sort((a, b) => a - b)
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!
  return { count, seconds, perSecond: count / seconds, p50: at(0.5), p99: at(0.99), statuses, lastAnsweredAt }
}
