// Browser tests: the real server (composed in this process on a fresh in-memory PGlite with the demo data) and
// Debian's Chromium driven by playwright-core. One file at a time: the machine has two cores.
// Without Chromium the tier says so loudly and runs nothing, except in CI, where it must run.
import { accessSync, constants } from 'node:fs'
import { defineConfig } from 'vitest/config'

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

function chromiumMissing(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK)
    return false
  } catch {
    return true
  }
}

const missing = chromiumMissing()
if (missing) {
  const why = `no Chromium at ${CHROMIUM}`
  if (process.env.CI) throw new Error(`The browser tests must run in CI, but there is ${why} (see .ci/run).`)
  const banner =
    `\n!!! The browser tests are NOT running: ${why}.\n` +
    '!!! Install it (Debian: apt-get install chromium fonts-nanum) or set CHROMIUM_PATH, then `npm run test:browser`.\n\n'
  // Said before the run and again after it, where a reader of the summary looks.
  process.stderr.write(banner)
  process.on('exit', () => process.stderr.write(banner))
}

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: missing ? [] : ['test/browser/**/*.e2e.ts'],
    passWithNoTests: missing,
    environment: 'node',
    ...(missing ? {} : { globalSetup: ['test/browser/global-setup.ts'] }),
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
