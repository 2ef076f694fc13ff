// The web's API types as openapi-typescript makes them from this server's /openapi.json (every route mounted,
// the test payment provider's checkout included), for web/scripts/api-types.ts and the check that they are current.
import openapiTS, { astToString } from 'openapi-typescript'
import { startTestApp } from './harness.ts'

const HEADER = "// Generated from the server's /openapi.json by `npm run api:types -w web`; do not edit.\n"

export async function apiTypes(): Promise<string> {
  const app = await startTestApp('pglite')
  try {
    const description = (await app.http.inject({ url: '/openapi.json' })).json()
    return HEADER + astToString(await openapiTS(description, { alphabetize: true }))
  } finally {
    await app.close()
  }
}
