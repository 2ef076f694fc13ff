// Writes src/api/openapi.d.ts: the web's API types, generated (openapi-typescript) from the server's own
// /openapi.json, composed here in memory. `npm run api:types -w web` after a server change; a server test fails
// while the committed file differs from what this makes.
import { writeFileSync } from 'node:fs'
import { apiTypes } from '../../server/test/api-types.ts'

const target = new URL('../src/api/openapi.d.ts', import.meta.url)
writeFileSync(target, await apiTypes())
process.stdout.write(`wrote ${target.pathname}\n`)
