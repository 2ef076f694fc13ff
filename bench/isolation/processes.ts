// Child processes for the isolation bench, optionally pinned to one CPU (taskset), to play pools on separate
// machines on one box: the catalog pool on one core, the queue pool, its worker and the surge on the other.
import { spawn } from 'node:child_process'
import { nodeCommand } from '../processes.ts'

export { type Child as Pinned, canPin, startProcess } from '../processes.ts'

/** Runs a script to completion on `cpu`, feeding it `input` and returning what it printed. */
export function runOn(cpu: number | undefined, script: string, input: string): Promise<string> {
  const [command, ...args] = nodeCommand(script, cpu)
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
