// Storage for one surge run (a fresh PostgreSQL database or a fresh PGlite DATA_DIR), its data, and child processes.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import pg from 'pg'
import type { Database } from '../../server/src/adapters/db/database.ts'
import { openPglite } from '../../server/src/adapters/db/pglite.ts'
import { openPostgres } from '../../server/src/adapters/db/postgres.ts'
import { SERVER_NODE_ARGS } from '../../server/src/node-args.ts'

export interface BenchStorage {
  kind: 'pglite' | 'postgres'
  /** What a server process needs to open this storage. */
  env: Record<string, string>
  open(): Promise<Database>
  cleanup(): Promise<void>
}

export async function createStorage(kind: 'pglite' | 'postgres'): Promise<BenchStorage> {
  if (kind === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'trusticket-surge-'))
    return {
      kind,
      env: { DATA_DIR: dir },
      open: () => openPglite(join(dir, 'pg')),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    }
  }
  const base =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://root:root@127.0.0.1:5432/test'
  const name = `surge_${Date.now().toString(36)}`
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base })
    await client.connect()
    await client.query(statement).finally(() => client.end())
  }
  await admin(`create database ${name}`)
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    kind,
    env: { DATABASE_URL: url.toString() },
    open: () => openPostgres(url.toString(), { poolSize: 4 }),
    cleanup: () => admin(`drop database if exists ${name} with (force)`),
  }
}

/** Waiting entries written straight into the queue, as if `count` fans had joined: the worker's pure backlog. */
export async function insertBacklog(database: Database, eventId: string, gradeId: string, count: number) {
  await database.db.execute(sql`insert into queue_counters (event_id, last_number) values (${eventId}, ${count})`)
  await database.db.execute(sql`insert into queue_progress (event_id) values (${eventId})`)
  await database.db.execute(sql`insert into queue_entries (event_id, number, user_id, grade_id, quantity, status, joined_at)
    select ${eventId}, g, 'backlog-' || g, ${gradeId}, 1, 'waiting', now() from generate_series(1, ${count}) g`)
}

export interface Child {
  url: string
  /** CPU time the process has used so far, in ms (Linux /proc; NaN elsewhere). */
  cpuMs(): number
  stop(): Promise<void>
}

/** User + system CPU time of a process in ms, from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
export function cpuMsOf(pid: number | undefined) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return Number.NaN
  }
}

/**
 * Starts `node <SERVER_NODE_ARGS> <script>` and waits for its "running at <url>" line. BENCH_CPU_PROFILE=<dir> writes a
 * V8 CPU profile of each started process there when it stops (open it in Chrome DevTools or speedscope).
 */
export function startProcess(script: string, env: Record<string, string>): Promise<Child> {
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []
  const child: ChildProcess = spawn(process.execPath, [...profile, ...SERVER_NODE_ARGS, script], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => {
    out += d
  })
  child.stderr!.on('data', (d) => {
    out += d
  })
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const match = /running at (http:\/\/\S+)/.exec(out)
      if (match) {
        clearInterval(poll)
        resolve({
          url: match[1]!,
          cpuMs: () => cpuMsOf(child.pid),
          stop: async () => {
            child.kill('SIGTERM')
            await exited
          },
        })
      }
    }, 20)
    void exited.then(() => {
      clearInterval(poll)
      reject(new Error(`${script} exited:\n${out}`))
    })
  })
}
