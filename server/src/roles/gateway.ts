// The gateway role. In one process it is the edge in front of the in-process API: it serves the web app.
// Proxying to separate API pools (API_UPSTREAMS) arrives with scale-out.
import { existsSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'

export const WEB_DIST = new URL('../../../web/dist', import.meta.url).pathname

export async function mountGateway(app: FastifyInstance) {
  if (!existsSync(WEB_DIST)) return
  const { default: fastifyStatic } = await import('@fastify/static')
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false })
}
