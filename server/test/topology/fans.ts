// Fans as the topology test plays them: join through the gateway, retrying what the platform says is retriable, and
// watch their place over SSE, reconnecting when a stream drops. Every answer is recorded for the checks.
import { setTimeout as sleep } from 'node:timers/promises'

export interface Outcomes {
  /** fan id → the number first acknowledged (202/200) */
  acknowledged: Map<string, number>
  /** fan id → a later acknowledgement with a different number (must stay empty) */
  changed: Map<string, [number, number]>
  retriable: Map<string, number>
  /** anything a client could not simply retry: must stay empty */
  fatal: string[]
}

export const newOutcomes = (): Outcomes => ({
  acknowledged: new Map(),
  changed: new Map(),
  retriable: new Map(),
  fatal: [],
})

const count = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1)

/** 503/504 (with Retry-After) and dropped connections are retriable; so is 429. Anything else is not. */
export async function joinUntilAcknowledged(
  gateway: string,
  eventId: string,
  gradeId: string,
  fan: { id: string; token: string },
  out: Outcomes,
) {
  for (let attempt = 0; attempt < 200; attempt++) {
    let status: number
    let body: { number?: number; code?: string }
    try {
      const res = await fetch(`${gateway}/api/events/${eventId}/queue`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fan.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ gradeId, quantity: 1 }),
        signal: AbortSignal.timeout(30_000),
      })
      status = res.status
      body = (await res.json()) as typeof body
    } catch (error) {
      count(
        out.retriable,
        `network:${(error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).name}`,
      )
      await sleep(100)
      continue
    }
    if (status === 200 || status === 202) {
      const first = out.acknowledged.get(fan.id)
      if (first === undefined) out.acknowledged.set(fan.id, body.number!)
      else if (first !== body.number) out.changed.set(fan.id, [first, body.number!])
      return
    }
    if (status === 503 || status === 504 || status === 429) {
      count(out.retriable, `${status}:${body.code ?? ''}`)
      await sleep(100)
      continue
    }
    out.fatal.push(`${status} ${JSON.stringify(body)}`)
    return
  }
  out.fatal.push(`fan ${fan.id} never acknowledged`)
}

export interface Watch {
  positions: number[]
  result: { status: string; number: number } | undefined
  reconnects: number
}

/** Follows one fan's place until the result arrives, reconnecting (through the gateway) whenever the stream drops. */
export async function watchUntilResult(gateway: string, eventId: string, token: string, deadline: number) {
  const watch: Watch = { positions: [], result: undefined, reconnects: 0 }
  while (!watch.result && Date.now() < deadline) {
    try {
      const res = await fetch(`${gateway}/api/events/${eventId}/queue/stream?access_token=${token}`, {
        headers: { accept: 'text/event-stream' },
        signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())),
      })
      if (res.status !== 200 || !res.body) {
        await res.body?.cancel()
        throw new Error(`stream answered ${res.status}`)
      }
      let buffer = ''
      const decoder = new TextDecoder()
      for await (const chunk of res.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let end = buffer.indexOf('\n\n')
        while (end >= 0) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (\w+)$/m.exec(frame)?.[1]
          const data = /^data: (.*)$/m.exec(frame)?.[1]
          if (event === 'position' && data) watch.positions.push((JSON.parse(data) as { position: number }).position)
          if (event === 'result' && data) watch.result = JSON.parse(data) as Watch['result']
          end = buffer.indexOf('\n\n')
        }
      }
    } catch {}
    if (!watch.result) {
      watch.reconnects++
      await sleep(200)
    }
  }
  return watch
}
