// Prometheus metrics: the registry every module reports on, the HTTP edge's request counts and latency by route
// template (never by raw URL), and gauges that modules read from the database at scrape time.
import type { FastifyInstance } from 'fastify'
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client'

export function createMetricsRegistry(): Registry {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  return registry
}

export function instrumentHttp(app: FastifyInstance, registry: Registry) {
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by method and route template',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched'
    requests.inc({ method: request.method, route, status: String(reply.statusCode) })
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000)
    done()
  })
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
    reply.type(registry.contentType)
    return registry.metrics()
  })
}

/**
 * Gauges read from the database at each scrape: one read serves all of them (their collects run together), and a
 * scrape while the database is away keeps the last values rather than failing every other metric with it.
 */
export function gaugesFromRead<K extends string>(
  registry: Registry,
  read: () => Promise<Record<K, number>>,
  gauges: Record<K, { name: string; help: string }>,
) {
  let reading: Promise<Record<K, number> | undefined> | undefined
  const current = () => {
    reading ??= read()
      .catch(() => undefined)
      .finally(() => {
        reading = undefined
      })
    return reading
  }
  for (const [key, { name, help }] of Object.entries(gauges) as [K, { name: string; help: string }][])
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const values = await current()
        if (values) this.set(values[key])
      },
    })
}
