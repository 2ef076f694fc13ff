// What a request names, read one way everywhere: the path the router sees, the one query token we accept, and
// URLs made safe to log.

/**
 * RFC 9112 §3.2.2: a server must accept the absolute form (`GET http://host/path HTTP/1.1`). Fastify routes it as
 * the path, but `request.url` would keep the scheme and host, so checks that read the URL (the gateway's, the
 * log's) would see something else than the router. Every request's URL becomes its origin form before routing.
 */
export function originForm(url: string): string {
  if (url.startsWith('/')) return url
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)
  if (!match) return url
  const rest = url.slice(match[0].length)
  return rest.startsWith('/') ? rest : `/${rest}`
}

const QUERY_TOKEN = 'access_token'

/**
 * The stream's `?access_token=`, only under that exact name as written: `access%5Ftoken` or `ACCESS_TOKEN` are
 * other names (and a query parser would otherwise decode them into this one, past the log's redaction).
 */
export function queryToken(url: string): string | undefined {
  const q = url.indexOf('?')
  if (q === -1) return undefined
  for (const pair of url.slice(q + 1).split('&')) {
    if (!pair.startsWith(`${QUERY_TOKEN}=`)) continue
    try {
      return decodeURIComponent(pair.slice(QUERY_TOKEN.length + 1))
    } catch {
      return undefined
    }
  }
  return undefined
}

const SECRET_NAME = /token|jwt|auth|secret|passw|session|key|code/i

/** A parameter name as a reader would take it: percent-decoded (twice over), whatever its case. */
function looksSecret(name: string): boolean {
  let decoded = name
  for (let i = 0; i < 3; i++) {
    try {
      const next = decodeURIComponent(decoded.replace(/\+/g, ' '))
      if (next === decoded) break
      decoded = next
    } catch {
      break
    }
  }
  return SECRET_NAME.test(decoded)
}

/**
 * The URL as it may be logged: the value of every query or matrix (`;name=value`) parameter whose name, however
 * spelled or encoded, reads as a secret is replaced by `[redacted]`.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?')
  const path = q === -1 ? url : url.slice(0, q)
  const redactedPath = path.replace(/;([^/;=]*)=([^/;]*)/g, (all, name: string) =>
    looksSecret(name) ? `;${name}=[redacted]` : all,
  )
  if (q === -1) return redactedPath
  const query = url
    .slice(q + 1)
    .split(/([&;])/)
    .map((part) => {
      const eq = part.indexOf('=')
      return eq > 0 && looksSecret(part.slice(0, eq)) ? `${part.slice(0, eq)}=[redacted]` : part
    })
    .join('')
  return `${redactedPath}?${query}`
}
