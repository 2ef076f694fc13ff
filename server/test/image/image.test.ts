// The Docker image as shipped, built and run with podman (no Docker engine or registry here): it starts safe.
// Builds a local Debian base with ../shared/podman-base.sh, then deploy/Dockerfile on it, and runs the image with
// only what an operator must give it. Slow (a minute or two warm), so it runs with TEST_IMAGE=1, as CI does.
import { execFile, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

const run = promisify(execFile)
const ROOT = new URL('../../../', import.meta.url).pathname
const BASE_SCRIPT = new URL('../../../../shared/podman-base.sh', import.meta.url).pathname
const CONTAINERS_CONF = '/tmp/trusticket-containers.conf'
const TAG = 'localhost/trusticket:test'
const env = { ...process.env, CONTAINERS_CONF }

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

/** Runs the image in the background; resolves with its logs so far and a stop function. */
function runImage(name: string, vars: Record<string, string>) {
  const args = ['run', '--rm', '--name', name, '--runtime', 'runc', '--network', 'host']
  for (const [k, v] of Object.entries(vars)) args.push('-e', `${k}=${v}`)
  const child = spawn('podman', [...args, TAG], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let logs = ''
  child.stdout.on('data', (d) => {
    logs += d
  })
  child.stderr.on('data', (d) => {
    logs += d
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return {
    logs: () => logs,
    exited,
    stop: async () => {
      await run('podman', ['rm', '-f', name], { env }).catch(() => {})
      await exited
    },
  }
}

describe.runIf(process.env.TEST_IMAGE)('the image (podman)', { timeout: 1_200_000 }, () => {
  beforeAll(async () => {
    const { stdout } = await run('bash', [BASE_SCRIPT], { env, maxBuffer: 64 << 20 })
    const base = stdout.trim().split('\n').at(-1)!
    await run(
      'podman',
      [
        'build',
        '--isolation',
        'chroot',
        '--network',
        'host',
        '--format',
        'docker',
        '--build-arg',
        `NODE_IMAGE=${base}`,
        '-f',
        'deploy/Dockerfile',
        '-t',
        TAG,
        '.',
      ],
      { cwd: ROOT, env, maxBuffer: 256 << 20 },
    )
  }, 1_200_000)

  const stops: (() => Promise<void>)[] = []
  afterAll(async () => {
    for (const stop of stops) await stop()
  })

  it('refuses to start without a named payment provider', async () => {
    const port = await freePort()
    const container = runImage(`tt-test-refuse-${port}`, { PORT: String(port) })
    stops.push(container.stop)
    expect(await container.exited).not.toBe(0)
    expect(container.logs()).toMatch(/PAYMENT_PROVIDER: required/)
  })

  it('starts ready, signs up, joins a queue, and has no demo account and no test payments', async () => {
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    const container = runImage(`tt-test-run-${port}`, {
      PORT: String(port),
      PAYMENT_PROVIDER: 'portone',
      PORTONE_API_KEY: 'test-key',
      PORTONE_API_SECRET: 'test-secret',
      PORTONE_IMP_CODE: 'imp00000000',
      IDENTITY_PROVIDER: 'portone',
      PORTONE_CERTIFICATION_PG: 'inicis_unified.MIIiasTest',
      ADMIN_EMAIL: 'ops@example.com',
      ADMIN_PASSWORD: 'a stage manager 42',
      SEED_DEMO: '',
    })
    stops.push(container.stop)
    await vi.waitFor(async () => expect((await fetch(`${base}/readyz`)).ok, '/readyz').toBe(true), {
      timeout: 120_000,
      interval: 500,
    })
    expect(container.logs()).not.toMatch(/demo logins/)

    const post = (path: string, body: unknown, token?: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      })
    for (const [email, password] of [
      ['admin@trusticket.demo', 'demo-admin-1234'],
      ['fan@trusticket.demo', 'demo-fan-1234'],
    ])
      expect((await post('/api/auth/login', { email, password })).status).toBe(401)

    const admin = (
      await (await post('/api/auth/login', { email: 'ops@example.com', password: 'a stage manager 42' })).json()
    ).accessToken as string
    const at = (ms: number) => new Date(Date.now() + ms).toISOString()
    const created = await post(
      '/api/events',
      {
        title: '이미지 점검 공연',
        description: '컨테이너 테스트',
        category: 'concert',
        performers: ['점검 밴드'],
        venue: { name: '블루스퀘어', city: '서울' },
        startsAt: at(30 * 86_400_000),
        saleOpensAt: at(-3_600_000),
        saleClosesAt: at(7 * 86_400_000),
        grades: [{ name: 'R석', price: 99_000, capacity: 10 }],
      },
      admin,
    )
    expect(created.status).toBe(201)
    const event = (await created.json()) as { id: string; grades: { id: string }[] }

    const signup = await post('/api/auth/signup', { email: 'fan@example.com', password: 'a quiet evening', name: '팬' })
    expect(signup.status).toBe(201)
    const fan = (await signup.json()).accessToken as string
    const joined = await post(`/api/events/${event.id}/queue`, { gradeId: event.grades[0]!.id, quantity: 1 }, fan)
    expect(joined.status).toBe(202)

    // No test payments: the test checkout does not exist in this image's configuration.
    const checkout = await post('/api/payments/test-checkout/anything', { decision: 'approve' }, fan)
    expect(checkout.status).toBe(404)
    // Operator endpoints stay on loopback; the container's network is the host's here, so they answer.
    expect((await fetch(`${base}/metrics`)).status).toBe(200)
  })
})
