// The browser tests drive the built app as `npm start` serves it: build it first when missing or stale, then start
// one real server with the demo data (seeding 200 events with posters takes a while) that the journeys share.
import { execFileSync } from 'node:child_process'
import type { TestProject } from 'vitest/node'
import { type Server, startServer } from './harness.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string
    demoLogins: import('./harness.ts').DemoLogin[]
  }
}

let server: Server | undefined

export async function setup(project: TestProject) {
  execFileSync(process.execPath, [new URL('../../scripts/ensure-built.mjs', import.meta.url).pathname], {
    stdio: 'inherit',
  })
  server = await startServer()
  project.provide('serverUrl', server.url)
  project.provide('demoLogins', server.demoLogins)
}

export async function teardown() {
  await server?.close()
}
