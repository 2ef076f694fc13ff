// `npm run bench -- <scenario> [args]`: runs bench/<scenario>/index.ts, which prints one comparable table.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const here = new URL('.', import.meta.url).pathname
const scenarios = readdirSync(here, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(here, d.name, 'index.ts')))
  .map((d) => d.name)

const [name, ...args] = process.argv.slice(2)
if (!name || !scenarios.includes(name)) {
  process.stderr.write(
    `usage: npm run bench -- <scenario> [args]\nscenarios: ${scenarios.join(', ') || '(none yet)'}\n`,
  )
  process.exit(2)
}
const scenario = (await import(join(here, name, 'index.ts'))) as { run(args: string[]): Promise<void> }
await scenario.run(args)
