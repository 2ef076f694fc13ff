// A throwaway redis-server on a free loopback port, so fault tests can kill and restart Redis without disturbing
// the shared one. Needs the redis-server binary on PATH.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { Redis } from 'ioredis'

export function hasRedisServer() {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  await new Promise((resolve) => server.close(resolve))
  if (typeof address !== 'object' || !address) throw new Error('no port')
  return address.port
}

export interface RedisServer {
  url: string
  port: number
  stop(): Promise<void>
  start(): Promise<void>
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort()
  let child: ChildProcess | undefined
  const url = `redis://127.0.0.1:${port}`
  const server: RedisServer = {
    url,
    port,
    async start() {
      // No persistence: a restart loses everything, the worst case we promise to survive.
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      )
      const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 })
      probe.on('error', () => {})
      try {
        for (let i = 0; i < 100; i++) {
          try {
            await probe.connect()
            await probe.ping()
            return
          } catch {
            probe.disconnect()
            await sleep(50)
          }
        }
        throw new Error(`redis-server on ${port} did not start`)
      } finally {
        probe.disconnect()
      }
    },
    async stop() {
      const c = child
      child = undefined
      if (!c || c.exitCode !== null) return
      const exited = new Promise((resolve) => c.once('exit', resolve))
      c.kill('SIGKILL')
      await exited
    },
  }
  await server.start()
  return server
}
