// No input breaks the catalog: random and mutated bodies and queries get 2xx or 4xx, never 5xx.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer } from '../../../test/factories.ts'
import { storages, type TestApp } from '../../../test/harness.ts'
import { createEvent, eventBody, organizer, startCatalogApp } from './catalog.test-fixtures.ts'

const field = fc.constantFrom(...Object.keys(eventBody()))
const oddValue = fc.oneof(
  fc.anything(),
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.constantFrom('2026-12-31T23:59:60Z', '9999-12-31T23:59:59Z', '0001-01-01T00:00:00Z', '', ' ', '\u0000'),
)

describe.each(storages)('catalog robustness on %s', (storage) => {
  let app: TestApp
  let token: string
  let eventId: string
  beforeAll(async () => {
    app = await startCatalogApp(storage)
    token = (await organizer(app.http)).token
    eventId = (await createEvent(app, token)).id
  })
  afterAll(() => app.close())

  it('answers mutated event bodies with 2xx or 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(field, oddValue, { maxKeys: 3 }), fc.boolean(), async (changes, isPatch) => {
        const r = await app.http.inject({
          method: isPatch ? 'PATCH' : 'POST',
          url: isPatch ? `/api/events/${eventId}` : '/api/events',
          payload: isPatch ? changes : { ...eventBody(), ...changes },
          headers: bearer(token),
        })
        expect(r.statusCode, r.body).toBeLessThan(500)
      }),
      { numRuns: 150 },
    )
  })

  it('answers any listing query with 2xx or 4xx', async () => {
    const key = fc.constantFrom('q', 'category', 'city', 'from', 'to', 'limit', 'cursor', 'other')
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(key, fc.oneof(fc.string(), fc.string({ unit: 'binary' })), { maxKeys: 4 }),
        async (query) => {
          const r = await app.http.inject({ url: `/api/events?${new URLSearchParams(query)}` })
          expect(r.statusCode, r.body).toBeLessThan(500)
        },
      ),
      { numRuns: 150 },
    )
  })
})
