// The web's API types are generated from this server's /openapi.json and committed; a server change to the
// contract without `npm run api:types -w web` fails here (and a change that breaks the web then fails its types).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { apiTypes } from './api-types.ts'

describe('the web’s API types', () => {
  it('are what the server’s OpenAPI description makes today', async () => {
    const committed = readFileSync(new URL('../../web/src/api/openapi.d.ts', import.meta.url), 'utf8')
    expect(committed === (await apiTypes()), 'web/src/api/openapi.d.ts is stale: run npm run api:types -w web').toBe(
      true,
    )
  })
})
