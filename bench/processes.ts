// Server processes for the benches: started as `npm start` starts them, optionally pinned to one CPU (taskset) and
// profiled, with their CPU time readable while they run.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { SERVER_NODE_ARGS } from '../server/src/node-args.ts'

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

/** CPU time of every process named `postgres` on this machine so far, in ms: a local server's backends and helpers. */
export function postgresCpuMs() {
  let total = 0
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8') === 'postgres\n') total += cpuMsOf(Number(pid))
    } catch {
      // The process ended while we looked.
    }
  }
  return total
}

/** Idle and total CPU time of the whole machine so far (/proc/stat, idle counting iowait), in clock ticks. */
export function machineCpu() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  return { idle: fields[3]! + fields[4]!, total: fields.reduce((a, b) => a + b, 0) }
}

export const canPin = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/** `node <SERVER_NODE_ARGS> <script>`, under `taskset -c <cpu>` when a CPU is given and taskset exists. */
export function nodeCommand(script: string, cpu?: number, nodeArgs: string[] = []) {
  const node = [process.execPath, ...nodeArgs, ...SERVER_NODE_ARGS, script]
  return cpu !== undefined && canPin ? ['taskset', '-c', String(cpu), ...node] : node
}

/**
 * Starts a server script (on `cpu` when given) and waits for its "running at <url>" line. BENCH_CPU_PROFILE=<dir>
 * writes a V8 CPU profile of each started process there when it stops (open it in Chrome DevTools or speedscope).
 */
export function startProcess(script: string, env: Record<string, string>, cpu?: number): Promise<Child> {
  const profile = process.env.BENCH_CPU_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : []
  const [command, ...args] = nodeCommand(script, cpu, profile)
  const child: ChildProcess = spawn(command!, args, {
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
