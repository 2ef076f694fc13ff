// The platform as `npm start` runs it: one process, embedded database, demo logins, graceful stop, one owner per DATA_DIR.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../harness.ts'
import { printedPassword, spawnServer } from '../process.ts'

const ADMIN = new URL('../../src/admin.ts', import.meta.url).pathname

describe('the platform as one process on the embedded database', { timeout: 400_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'trusticket-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('starts with demo logins, refuses a second process on the same DATA_DIR, and stops gracefully', async () => {
    const first = await spawnServer({ DATA_DIR: dataDir }, undefined, ['--demo'])
    expect(first.output()).toMatch(/demo logins/)
    const password = printedPassword(first.output(), 'fan@trusticket.demo')
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
    expect((await fetch(`${first.url}/readyz`)).status).toBe(200)
    const login = await fetch(`${first.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fan@trusticket.demo', password }),
    })
    expect(login.status).toBe(200)

    const second = spawnServer({ DATA_DIR: dataDir }, undefined, ['--demo'])
    await expect(second).rejects.toThrow(/in use by another Trusticket process/)

    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    expect(existsSync(join(dataDir, 'trusticket.lock'))).toBe(false)

    // A restart keeps the data, does not seed twice, and prints the same logins.
    const again = await spawnServer({ DATA_DIR: dataDir }, undefined, ['--demo'])
    expect(printedPassword(again.output(), 'fan@trusticket.demo')).toBe(password)
    const relogin = await fetch(`${again.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'fan@trusticket.demo', password }),
    })
    expect(relogin.status).toBe(200)
    again.child.kill('SIGKILL')
    await again.exited
  })

  it('takes over the lock of a process that was killed', async () => {
    const victim = await spawnServer({ DATA_DIR: dataDir })
    victim.child.kill('SIGKILL')
    await victim.exited
    expect(existsSync(join(dataDir, 'trusticket.lock'))).toBe(true)
    const next = await spawnServer({ DATA_DIR: dataDir })
    expect((await fetch(`${next.url}/healthz`)).status).toBe(200)
    next.child.kill('SIGTERM')
    expect(await next.exited).toBe(0)
  })

  it('makes the first admin with `npm run admin -- create`, printing a random password once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trusticket-admin-'))
    try {
      const out = execFileSync(process.execPath, ['--import', 'tsx', ADMIN, 'create', 'ops@example.com'], {
        env: { ...process.env, DATA_DIR: dir },
        encoding: 'utf8',
      })
      const password = /password \(shown once\): (\S+)/.exec(out)?.[1]
      expect(password?.length).toBeGreaterThanOrEqual(20)
      const server = await spawnServer({ DATA_DIR: dir })
      expect(server.output()).not.toMatch(/demo logins/)
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ops@example.com', password }),
      })
      expect(login.status).toBe(200)
      expect((await login.json()).user.role).toBe('admin')
      server.child.kill('SIGTERM')
      expect(await server.exited).toBe(0)
      expect(() =>
        execFileSync(process.execPath, ['--import', 'tsx', ADMIN, 'delete', 'x'], { stdio: 'pipe', env: process.env }),
      ).toThrow(/usage: npm run admin/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('lists every bad variable in one error and exits non-zero', async () => {
    const start = spawnServer({ DATA_DIR: dataDir, PORT: 'eighty', ROLES: 'api,chef', RATE_LIMITS: 'maybe' })
    const error = await start.then(
      () => null,
      (e: Error) => e.message,
    )
    expect(error).toMatch(/PORT/)
    expect(error).toMatch(/ROLES/)
    expect(error).toMatch(/RATE_LIMITS/)
  })
})

describe.runIf(process.env.TEST_DATABASE_URL)('the platform on PostgreSQL', { timeout: 200_000 }, () => {
  it('applies the migrations at start and serves accounts', async () => {
    const fresh = await createTestDatabase()
    const db = new pg.Client({ connectionString: fresh.url })
    try {
      const server = await spawnServer({
        DATABASE_URL: fresh.url,
        ADMIN_EMAIL: 'ops@example.com',
        ADMIN_PASSWORD: 'rotate-me-4242',
      })
      expect(server.output()).not.toMatch(/demo logins/) // no demo data on a real database unless asked
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ops@example.com', password: 'rotate-me-4242' }),
      })
      expect(login.status).toBe(200)
      server.child.kill('SIGTERM')
      expect(await server.exited).toBe(0)
      await db.connect()
      const { rows } = await db.query('select count(*)::int as n from drizzle.__drizzle_migrations')
      expect(rows[0].n).toBeGreaterThan(0)
    } finally {
      await db.end()
      await fresh.drop()
    }
  })
})
