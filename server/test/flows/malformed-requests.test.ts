// Every documented operation, fed hundreds of malformed requests: each gets a 4xx problem+json, never a 5xx.
// Routes come from the generated OpenAPI description, so new modules are covered as they land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer } from '../factories.ts'
import { startTestApp, type TestApp } from '../harness.ts'

interface Operation {
  method: string
  path: string
  bodyProperties: Record<string, { type?: string }>
  queryNames: string[]
  guarded: boolean
}

/** `lenient`: the value may be acceptable (free text in a query), so any non-5xx answer is right. */
type Case = { name: string; url: string; payload?: string; headers?: Record<string, string>; lenient?: boolean }

const WRONG_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  'x'.repeat(5000),
  '',
  [],
  {},
  true,
  [1, 2],
  { $gt: '' },
  '💥\u0000',
]
const BAD_IDS = ['x'.repeat(300), '%00', '..%2F..%2Fetc%2Fpasswd', '%E2%80%AE', '0', "1'%20or%20'1'='1", '%F0%9F%92%A5']
const BAD_QUERY = ['abc', '-1', '99999999999999999999', '', '%00', 'x'.repeat(600), '1e3', '[object Object]']

function operations(app: TestApp): Operation[] {
  const spec = app.http.swagger() as {
    paths: Record<string, Record<string, { requestBody?: unknown; parameters?: unknown[]; security?: unknown[] }>>
  }
  const ops: Operation[] = []
  for (const [path, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = (op.requestBody as { content?: Record<string, { schema?: { properties?: object } }> } | undefined)
        ?.content?.['application/json']?.schema
      const query = ((op.parameters ?? []) as { in: string; name: string }[]).filter((p) => p.in === 'query')
      ops.push({
        method: method.toUpperCase(),
        path,
        bodyProperties: (body?.properties ?? {}) as Record<string, { type?: string }>,
        queryNames: query.map((q) => q.name),
        guarded: (op.security ?? []).length > 0,
      })
    }
  }
  return ops
}

function casesFor(op: Operation): Case[] {
  const fill = (id: string) => op.path.replace(/\{[^}]+\}/g, id)
  const url = fill('00000000-0000-7000-8000-000000000000')
  const json = { 'content-type': 'application/json' }
  const cases: Case[] = BAD_IDS.filter(() => op.path.includes('{')).map((id) => ({ name: `id ${id}`, url: fill(id) }))
  for (const name of op.queryNames) {
    for (const v of BAD_QUERY)
      cases.push({ name: `query ${name}=${v.slice(0, 20)}`, url: `${url}?${name}=${v}`, lenient: true })
  }
  if (op.method === 'GET' || op.method === 'DELETE') return cases
  const bodies: [string, string][] = [
    ['broken json', '{"a":'],
    ['array', '[]'],
    ['string', '"text"'],
    ['number', '42'],
    ['null', 'null'],
    ['unknown field', JSON.stringify({ unexpected: true })],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['proto pollution', '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}'],
  ]
  for (const [name, wrong] of Object.entries(op.bodyProperties)) {
    for (const value of WRONG_VALUES) {
      if (typeof value === (wrong.type === 'integer' ? 'number' : wrong.type)) continue
      bodies.push([`${name}=${JSON.stringify(value)?.slice(0, 20)}`, JSON.stringify({ [name]: value })])
    }
  }
  for (const [name, payload] of bodies) cases.push({ name: `body ${name}`, url, payload, headers: json })
  cases.push({ name: 'huge body', url, payload: JSON.stringify({ x: 'x'.repeat(2 * 1024 * 1024) }), headers: json })
  cases.push({ name: 'text/plain', url, payload: 'hello', headers: { 'content-type': 'text/plain' } })
  cases.push({ name: 'xml', url, payload: '<a/>', headers: { 'content-type': 'application/xml' } })
  cases.push({
    name: 'bad charset',
    url,
    payload: '\xff\xfe{}',
    headers: { 'content-type': 'application/json; charset=latin9' },
  })
  cases.push({
    name: 'form',
    url,
    payload: 'a=1&b=2',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  return cases
}

describe('malformed requests to every route', () => {
  let app: TestApp
  let token: string
  beforeAll(async () => {
    app = await startTestApp('pglite', {
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'admin-password-1',
      RATE_LIMITS: 'off',
    })
    const login = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'root@example.com', password: 'admin-password-1' },
    })
    token = login.json().accessToken
  })
  afterAll(() => app.close())

  it('answers each with a 4xx problem+json and never a 5xx', async () => {
    const ops = operations(app)
    expect(ops.length).toBeGreaterThanOrEqual(6)
    let sent = 0
    const failures: string[] = []
    for (const op of ops) {
      for (const c of casesFor(op)) {
        for (const auth of op.guarded ? [bearer(token), bearer('not.a.jwt')] : [{}]) {
          const r = await app.http.inject({
            method: op.method as 'POST',
            url: c.url,
            ...(c.payload !== undefined ? { payload: c.payload } : {}),
            headers: { ...c.headers, ...auth },
          })
          sent++
          const problem = r.headers['content-type']?.toString().startsWith('application/problem+json')
          const rejected = r.statusCode >= 400 && r.statusCode < 500 && problem && typeof r.json().code === 'string'
          const ok = rejected || (c.lenient && r.statusCode < 400)
          if (!ok) failures.push(`${op.method} ${op.path} [${c.name}] → ${r.statusCode} ${r.body.slice(0, 160)}`)
          if (r.statusCode >= 500) expect(r.body).not.toMatch(/at .*\.ts:\d+|SELECT|INSERT|stack/i)
        }
      }
    }
    process.stdout.write(
      `malformed requests: ${sent} sent to ${ops.length} operations, ${failures.length} answered wrongly\n`,
    )
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(ops.length * 10)
  })

  it('reports every invalid field of a body with its path', async () => {
    const r = await app.http.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'nope', password: 1 },
    })
    expect(r.statusCode).toBe(400)
    expect(r.json()).toMatchObject({ status: 400, code: 'validation.failed' })
    expect(r.json().errors.length).toBeGreaterThanOrEqual(1)
    expect(r.json().errors[0]).toHaveProperty('path')
  })
})
