// The gateway role. In one process it is the edge in front of the in-process API: it serves the web app
// (web/dist, when built). Hashed assets are cached forever; index.html never, so a deploy is picked up at once.
// Any other GET that is not an API path answers index.html, so the SPA's own routes survive a reload.
import { existsSync } from 'node:fs'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { routeNotFound } from '../kernel/app-error.ts'

export const WEB_DIST = new URL('../../../web/dist', import.meta.url).pathname

const IMMUTABLE = 'public, max-age=31536000, immutable'
const cacheFor = (path: string) =>
  path.endsWith('index.html') ? 'no-cache' : path.includes('/assets/') ? IMMUTABLE : 'public, max-age=3600'
const NOT_SPA = /^\/(api|docs|media|metrics|healthz|readyz|openapi\.json)(\/|$|\?)/

export async function mountGateway(app: FastifyInstance, webDist = WEB_DIST) {
  if (!existsSync(`${webDist}/index.html`)) return
  const { default: fastifyStatic } = await import('@fastify/static')
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    index: false,
    // Vite writes .br/.gz beside each asset at build time; the phone gets the smallest it accepts.
    preCompressed: true,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', cacheFor(path))
    },
  })
  const sendIndex = (reply: FastifyReply) => reply.sendFile('index.html', webDist, { cacheControl: false })
  app.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply))
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    // Unknown API paths and missing assets stay honest 404s; everything else is a client-side route.
    if (NOT_SPA.test(request.url) || request.url.startsWith('/assets/')) {
      throw routeNotFound('GET', request.url)
    }
    return sendIndex(reply)
  })
}
