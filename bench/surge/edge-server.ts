// The join route with the queue taken out, for the surge bench's reference row (never part of the product): the
// product's HTTP edge (request ids, security headers, metrics, validation, problem+json), its access-token check,
// the join's body and answer schemas, and a made-up answer where the group commit would be. What a join costs
// above this is the queue's own work. Run as a child process by the surge bench: JWT_SECRET, PORT.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import pino from 'pino'
import { type Principal, principalOf, requireAuth } from '../../server/src/http/auth-guard.ts'
import { createMetricsRegistry } from '../../server/src/http/metrics.ts'
import { IdParams } from '../../server/src/http/schemas.ts'
import { createHttpServer } from '../../server/src/http/server.ts'
import { createAccessTokens } from '../../server/src/modules/auth/auth.tokens.ts'
import { JoinBody, QueueEntrySchema } from '../../server/src/modules/queue/queue.schemas.ts'

const tokens = createAccessTokens(process.env.JWT_SECRET!)
const verify = (token: string): Principal => tokens.verify(token, Math.floor(Date.now() / 1000))
const app = await createHttpServer({
  logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
  metrics: createMetricsRegistry(),
  trustProxy: false,
})
let lastNumber = 0
app.withTypeProvider<TypeBoxTypeProvider>().post(
  '/api/events/:id/queue',
  {
    onRequest: requireAuth(verify),
    schema: { params: IdParams, body: JoinBody, response: { 202: QueueEntrySchema } },
  },
  async (request, reply) => {
    principalOf(request)
    const { gradeId, quantity } = request.body
    const number = ++lastNumber
    reply.status(202)
    return {
      eventId: request.params.id,
      gradeId,
      quantity,
      number,
      drawTicket: null,
      status: 'waiting' as const,
      position: number,
      servedUpTo: 0,
      etaSeconds: null,
      result: null,
    }
  },
)

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' })
process.stdout.write(`edge server running at ${address}\n`)
const stop = async () => {
  await app.close()
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
