// The api role: every module's routes on the shared edge, plus health and readiness.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'

export interface ApiMount {
  routes: FastifyPluginAsync[]
  ready: () => Promise<void>
}

export async function mountApi(app: FastifyInstance, mount: ApiMount) {
  for (const routes of mount.routes) await app.register(routes)
}

/** `warnings`: unsafe choices the operator made explicitly; /readyz repeats them so that a probe's reader sees them. */
export function mountHealth(app: FastifyInstance, ready: () => Promise<void>, warnings: readonly string[] = []) {
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'The process is up' } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { tags: ['ops'], summary: 'Storage answers' } }, async (request, reply) => {
    try {
      // A dependency that hangs is as unready as one that refuses; probes must answer quickly.
      await Promise.race([
        ready(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('readiness check timed out')), 2000).unref()),
      ])
      return warnings.length > 0 ? { status: 'ready', warnings } : { status: 'ready' }
    } catch (err) {
      request.log.warn({ err }, 'not ready')
      return reply.status(503).type('application/problem+json').send({
        type: '/problems/not_ready',
        title: 'Service Unavailable',
        status: 503,
        detail: 'A storage dependency does not answer',
        code: 'not_ready',
      })
    }
  })
}
