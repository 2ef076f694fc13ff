// The SQL baselines: `ILIKE '%q%'` over the event text in PostgreSQL, without an index and with a pg_trgm GIN index.
// Everything lives in a fresh schema of the test database that is dropped afterwards.
import pg from 'pg'
import type { GeneratedEvent } from '../../server/src/modules/catalog/search/fixtures/event-generator.ts'

export interface SqlBaseline {
  /** Loads the events; returns the seconds it took. */
  load(events: GeneratedEvent[]): Promise<number>
  /** Builds the pg_trgm GIN index; returns the seconds it took and its size in bytes. */
  addTrigramIndex(): Promise<{ seconds: number; bytes: number }>
  tableBytes(): Promise<number>
  query(q: string): Promise<number>
  close(): Promise<void>
}

const BATCH = 10_000

export async function openSqlBaseline(url: string): Promise<SqlBaseline> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const schema = `bench_search_${process.pid}`
  await client.query(`CREATE SCHEMA ${schema}`)
  await client.query(`SET search_path TO ${schema}, public`)
  const had = await client.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`)
  // Created inside our schema when absent, so dropping the schema removes it again.
  if (had.rowCount === 0) await client.query(`CREATE EXTENSION pg_trgm WITH SCHEMA ${schema}`)
  await client.query(`CREATE TABLE events (
    id text PRIMARY KEY, title text NOT NULL, performers text NOT NULL, venue_name text NOT NULL,
    venue_city text NOT NULL, category text NOT NULL, description text NOT NULL,
    doc text GENERATED ALWAYS AS (title || ' ' || performers || ' ' || venue_name || ' ' || venue_city || ' ' ||
      category || ' ' || description) STORED)`)

  return {
    async load(events) {
      const t0 = performance.now()
      for (let i = 0; i < events.length; i += BATCH) {
        const rows = events.slice(i, i + BATCH)
        const col = (f: (e: GeneratedEvent) => string) => rows.map(f)
        await client.query(
          `INSERT INTO events (id, title, performers, venue_name, venue_city, category, description)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])`,
          [
            col((e) => e.id),
            col((e) => e.title),
            col((e) => e.performers.join(' ')),
            col((e) => e.venueName),
            col((e) => e.venueCity),
            col((e) => e.category),
            col((e) => e.description),
          ],
        )
      }
      await client.query('VACUUM ANALYZE events')
      return (performance.now() - t0) / 1000
    },
    async addTrigramIndex() {
      const t0 = performance.now()
      await client.query('CREATE INDEX events_doc_trgm ON events USING gin (doc gin_trgm_ops)')
      await client.query('ANALYZE events')
      const seconds = (performance.now() - t0) / 1000
      const size = await client.query(`SELECT pg_relation_size('events_doc_trgm') AS b`)
      return { seconds, bytes: Number(size.rows[0].b) }
    },
    async tableBytes() {
      const size = await client.query(`SELECT pg_total_relation_size('events') AS b`)
      return Number(size.rows[0].b)
    },
    async query(q) {
      const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
      // Every match, as ranking them needs (a LIMIT would let common words stop early and rank nothing).
      const res = await client.query('SELECT id FROM events WHERE doc ILIKE $1', [like])
      return res.rowCount ?? 0
    },
    async close() {
      try {
        await client.query(`DROP SCHEMA ${schema} CASCADE`)
      } finally {
        await client.end()
      }
    },
  }
}
