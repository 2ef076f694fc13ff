// Runs the real server as a child process (as `npm start` does), for start, stop and crash tests.
import { type ChildProcess, spawn } from 'node:child_process'
import { SERVER_NODE_ARGS } from '../src/node-args.ts'

const MAIN = new URL('../src/main.ts', import.meta.url).pathname

export interface ServerProcess {
  child: ChildProcess
  url: string
  output: () => string
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>
}

/**
 * `args` as after `main.ts` (`--demo` is what `npm start` passes). The first start on a new DATA_DIR with demo
 * data seeds the demo catalog; on a loaded 2-core CI machine that can take a while.
 */
export function spawnServer(
  env: Record<string, string>,
  timeoutMs = 120_000,
  args: string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, MAIN, ...args], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => {
    out += d
  })
  child.stderr.on('data', (d) => {
    out += d
  })
  const exited = new Promise<number | string>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL') // never leave a half-started server holding a port or a DATA_DIR lock
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    const onData = () => {
      const match = /running at (http:\/\/\S+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        child.stdout.off('data', onData)
        resolve({ child, url: match[1]!, output: () => out, exited })
      }
    }
    child.stdout.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      reject(Object.assign(new Error(`server exited before it was ready:\n${out}`), { output: out }))
    })
  })
}

/** The password `main.ts` printed for a demo login. */
export function printedPassword(output: string, email: string): string {
  const match = new RegExp(`${email.replace(/[.]/g, '\\.')} / (\\S+)`).exec(output)
  if (!match) throw new Error(`no demo login for ${email} in:\n${output}`)
  return match[1]!
}
