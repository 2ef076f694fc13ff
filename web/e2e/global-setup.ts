// The browser tests drive the built app as `npm start` serves it: build it first when missing or stale.
import { execFileSync } from 'node:child_process'

export default function setup() {
  execFileSync(process.execPath, [new URL('../scripts/ensure-built.mjs', import.meta.url).pathname], {
    stdio: 'inherit',
  })
}
