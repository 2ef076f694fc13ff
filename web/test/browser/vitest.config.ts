// Browser tests: the real server (composed in this process on a fresh in-memory PGlite with the demo data) and
// Debian's Chromium driven by playwright-core. One file at a time: the machine has two cores.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/browser/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['test/browser/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
