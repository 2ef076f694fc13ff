// Child processes for the isolation bench, optionally pinned to one CPU (taskset), to play pools on separate
// machines on one box: the catalog pool on one core, the queue pool, its worker and the surge on the other.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { SERVER_NODE_ARGS } from '../../server/src/node-args.ts'

export interface Pinned {
  url: string
  stop(): Promise<void>
}

export const canPin = (() => {
  try {
    execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

/** `node <SERVER_NODE_ARGS> <script>`, on `cpu` when given and taskset exists; resolves on its "running at <url>" line. */
export function startOn(cpu: number | undefined, script: string, env: Record<string, string>): Promise<Pinned> {
  const node = [process.execPath, ...SERVER_NODE_ARGS, script]
  const [command, ...args] = cpu !== undefined && canPin ? ['taskset', '-c', String(cpu), ...node] : node
  const child: ChildProcess = spawn(command!, args, {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
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
      if (!match) return
      clearInterval(poll)
      resolve({
        url: match[1]!,
        stop: async () => {
          child.kill('SIGTERM')
          await exited
        },
      })
    }, 20)
    void exited.then(() => {
      clearInterval(poll)
      reject(new Error(`${script} exited:\n${out}`))
    })
  })
}

/** Runs a script to completion on `cpu`, feeding it `input` and returning what it printed. */
export function runOn(cpu: number | undefined, script: string, input: string): Promise<string> {
  const node = [process.execPath, ...SERVER_NODE_ARGS, script]
  const [command, ...args] = cpu !== undefined && canPin ? ['taskset', '-c', String(cpu), ...node] : node
  const child = spawn(command!, args, { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  child.stdin.end(input)
  return new Promise((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} failed:\n${out}`)))),
  )
}
