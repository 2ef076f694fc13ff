// A pool of upstream API processes for the gateway: round-robin over the endpoints that pass active health checks
// (GET /healthz) and have not just failed a request (passive ejection). An upstream given by DNS name is re-resolved
// now and then, so a scaled Deployment or compose service's new replicas join the pool by themselves.
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'

export interface PoolOptions {
  healthIntervalMs?: number
  healthTimeoutMs?: number
  /** How long an endpoint that failed a request is left out. */
  ejectMs?: number
  resolveIntervalMs?: number
  now?: () => number
  resolve?: (host: string) => Promise<string[]>
}

export interface Endpoint {
  origin: string
  healthy: boolean
  ejectedUntil: number
}

const defaultResolve = async (host: string) => (await lookup(host, { all: true })).map((a) => a.address)

export function createUpstreamPool(name: string, urls: string[], options: PoolOptions = {}) {
  const healthIntervalMs = options.healthIntervalMs ?? 1_000
  const healthTimeoutMs = options.healthTimeoutMs ?? 1_000
  const ejectMs = options.ejectMs ?? 3_000
  const now = options.now ?? Date.now
  const resolve = options.resolve ?? defaultResolve
  const targets = urls.map((u) => new URL(u))
  /** Keyed by origin, so a re-resolution keeps the state of the endpoints it finds again. */
  let endpoints = new Map<string, Endpoint>()
  const known = new Map<string, string[]>()
  let cursor = 0
  let stopped = false

  const originOf = (target: URL, address: string) =>
    `${target.protocol}//${address.includes(':') ? `[${address}]` : address}${target.port ? `:${target.port}` : ''}`

  async function refresh() {
    const next = new Map<string, Endpoint>()
    for (const target of targets) {
      const host = target.hostname.replace(/^\[|\]$/g, '')
      let addresses: string[]
      if (isIP(host)) addresses = [host]
      else {
        try {
          addresses = await resolve(host)
          known.set(target.href, addresses)
        } catch {
          // The name does not resolve right now: keep what we knew of it rather than emptying the pool.
          addresses = known.get(target.href) ?? []
        }
      }
      for (const address of addresses) {
        const origin = originOf(target, address)
        next.set(origin, endpoints.get(origin) ?? { origin, healthy: true, ejectedUntil: 0 })
      }
    }
    endpoints = next
  }

  async function check(endpoint: Endpoint) {
    try {
      const res = await fetch(`${endpoint.origin}/healthz`, { signal: AbortSignal.timeout(healthTimeoutMs) })
      await res.body?.cancel()
      endpoint.healthy = res.ok
    } catch {
      endpoint.healthy = false
    }
  }

  const checkAll = () => Promise.all([...endpoints.values()].map(check))

  const loop = (every: number, fn: () => Promise<unknown>) => {
    const timer = setInterval(() => {
      if (!stopped) void fn()
    }, every)
    timer.unref()
    return timer
  }
  const timers: NodeJS.Timeout[] = []

  return {
    name,
    async start() {
      await refresh()
      await checkAll()
      timers.push(loop(healthIntervalMs, checkAll))
      if (targets.some((t) => !isIP(t.hostname.replace(/^\[|\]$/g, '')))) {
        timers.push(loop(options.resolveIntervalMs ?? 5_000, refresh))
      }
    },
    /** The next endpoint in turn that is healthy and not ejected; any not ejected if none is healthy; else null. */
    pick(exclude?: string): Endpoint | null {
      const all = [...endpoints.values()]
      const t = now()
      const usable = all.filter((e) => e.ejectedUntil <= t && e.origin !== exclude)
      const healthy = usable.filter((e) => e.healthy)
      const from = healthy.length > 0 ? healthy : usable
      if (from.length === 0) return null
      cursor = (cursor + 1) % 1_000_000_007
      return from[cursor % from.length]!
    },
    /** A request to this endpoint failed at the connection: leave it out for a while. */
    eject(origin: string) {
      const endpoint = endpoints.get(origin)
      if (endpoint) {
        endpoint.ejectedUntil = now() + ejectMs
        endpoint.healthy = false
      }
    },
    endpoints: () => [...endpoints.values()].map((e) => ({ ...e })),
    stop() {
      stopped = true
      for (const t of timers) clearInterval(t)
    },
  }
}

export type UpstreamPool = ReturnType<typeof createUpstreamPool>
