// The design the original authors rejected, for comparison only (never part of the product): each booking request
// books synchronously, serialised on the grade row by SELECT … FOR UPDATE. Same HTTP stack (Fastify), same JWTs,
// same storage adapters. Run as a child process by the surge bench: DATABASE_URL or DATA_DIR, JWT_SECRET, PORT.
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import Fastify from 'fastify'
import { openPglite } from '../../server/src/adapters/db/pglite.ts'
import { openPostgres } from '../../server/src/adapters/db/postgres.ts'
import { newId } from '../../server/src/kernel/ids.ts'
import { createAccessTokens } from '../../server/src/modules/auth/auth.tokens.ts'

const env = process.env
const database = env.DATABASE_URL ? await openPostgres(env.DATABASE_URL) : await openPglite(join(env.DATA_DIR!, 'pg'))
const tokens = createAccessTokens(env.JWT_SECRET!)
const app = Fastify({ logger: false })
type Row = Record<string, unknown>

// Unvalidated on purpose, as the rejected design was: the generic only names the shapes.
app.post<{ Params: { id: string }; Body: { gradeId: string; quantity: number } }>(
  '/naive/events/:id/book',
  async (request, reply) => {
    const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')
    if (!match) return reply.status(401).send({ code: 'auth.token_missing' })
    const { userId } = await tokens.verify(match[1]!, Math.floor(Date.now() / 1000))
    const eventId = request.params.id
    const { gradeId, quantity } = request.body
    const outcome = await database.db.transaction(async (tx) => {
      const rows = (r: unknown) => (r as { rows: Row[] }).rows
      const [grade] = rows(
        await tx.execute(sql`select remaining, price from seat_grades where id = ${gradeId} for update`),
      )
      if (!grade || Number(grade.remaining) < quantity) return 'sold_out'
      const [held] = rows(
        await tx.execute(sql`select coalesce(sum(quantity), 0)::int as n from bookings
        where event_id = ${eventId} and user_id = ${userId} and status in ('pending_payment', 'confirmed')`),
      )
      if (Number(held!.n) + quantity > 4) return 'limit_exceeded'
      const id = newId()
      const now = new Date().toISOString()
      await tx.execute(sql`insert into bookings (id, event_id, grade_id, user_id, quantity, amount, status, pay_by,
        created_at, updated_at)
      values (${id}, ${eventId}, ${gradeId}, ${userId}, ${quantity}, ${Number(grade.price) * quantity},
        'pending_payment', ${now}::timestamptz + interval '1 day', ${now}::timestamptz, ${now}::timestamptz)`)
      await tx.execute(sql`insert into tickets (id, booking_id, event_id, status, created_at)
      values (${newId()}, ${id}, ${eventId}, 'valid', ${now}::timestamptz)`)
      await tx.execute(sql`update seat_grades set remaining = remaining - ${quantity} where id = ${gradeId}`)
      return id
    })
    if (outcome === 'sold_out' || outcome === 'limit_exceeded') return reply.status(409).send({ code: outcome })
    return reply.status(201).send({ bookingId: outcome })
  },
)

const address = await app.listen({ port: Number(env.PORT ?? 0), host: '127.0.0.1' })
process.stdout.write(`naive server running at ${address}\n`)
const stop = async () => {
  await app.close()
  await database.close()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
