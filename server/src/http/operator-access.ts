// Operator endpoints (/metrics, /docs) answer only the addresses OPS_ALLOW_FROM names (loopback by default outside
// development); anyone else gets the 404 of a route that does not exist. The check reads the connection's own
// peer, never X-Forwarded-For, and a request that came through a proxy (it carries that header) is refused: a
// load balancer's private address must not let the internet in.
import { BlockList, isIP } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { routeNotFound } from '../kernel/app-error.ts'

const OPERATOR_PATH = /^\/(metrics|docs)(\/|\?|$)/

/** proxy-addr's range names, as TRUST_PROXY takes them. */
const RANGES: Record<string, [string, number, 'ipv4' | 'ipv6'][]> = {
  loopback: [
    ['127.0.0.0', 8, 'ipv4'],
    ['::1', 128, 'ipv6'],
  ],
  linklocal: [
    ['169.254.0.0', 16, 'ipv4'],
    ['fe80::', 10, 'ipv6'],
  ],
  uniquelocal: [
    ['10.0.0.0', 8, 'ipv4'],
    ['172.16.0.0', 12, 'ipv4'],
    ['192.168.0.0', 16, 'ipv4'],
    ['fc00::', 7, 'ipv6'],
  ],
}

export function allowList(entries: string[]): BlockList {
  const list = new BlockList()
  for (const entry of entries) {
    for (const [net, prefix, family] of RANGES[entry] ?? []) list.addSubnet(net, prefix, family)
    if (RANGES[entry]) continue
    const [address = '', prefix] = entry.split('/')
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) list.addAddress(address, family)
    else list.addSubnet(address, Number(prefix), family)
  }
  return list
}

function allowed(list: BlockList, address: string | undefined) {
  if (!address) return false
  // An IPv4 peer on a dual-stack socket reads ::ffff:a.b.c.d.
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address
  return list.check(v4, isIP(v4) === 6 ? 'ipv6' : 'ipv4')
}

export function guardOperatorEndpoints(app: FastifyInstance, allowFrom: string[] | null) {
  if (allowFrom === null) return
  const list = allowList(allowFrom)
  app.addHook('onRequest', (request, _reply, done) => {
    if (!OPERATOR_PATH.test(request.url)) return done()
    const direct = request.headers['x-forwarded-for'] === undefined && request.headers.forwarded === undefined
    if (direct && allowed(list, request.raw.socket.remoteAddress)) return done()
    done(routeNotFound(request.method, request.url))
  })
}
