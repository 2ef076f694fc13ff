// The api role: every module's routes on the shared edge, plus health and readiness.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify'

export interface ApiMount {
  routes: FastifyPluginAsync[]
  ready: () => Promise<void>
}

export async function mountApi(app: FastifyInstance, mount: ApiMount) {
  for (const routes of mount.routes) await app.register(routes)
}

export function mountHealth(app: FastifyInstance, ready: () => Promise<void>) {
  app.get('/healthz', { schema: { tags: ['ops'], summary: 'The process is up' } }, async () => ({ status: 'ok' }))
  app.get('/readyz', { schema: { tags: ['ops'], summary: 'Storage answers' } }, async (request, reply) => {
    try {
      await ready()
      return { status: 'ready' }
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
