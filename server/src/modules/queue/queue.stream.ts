// Live places over Server-Sent Events. Work is per event, not per connection: each tick reads an event's progress
// once and writes it to every stream of that event in this process; results are fetched for all finished streams
// of an event in one query. Workers' progress messages (hot path) deliver results without waiting for the tick.
// One entry keeps at most MAX_STREAMS_PER_ENTRY streams in a process: a fourth tab (or a script opening streams)
// ends the oldest, which is told so (`event: superseded`) and does not reconnect.
import type { ServerResponse } from 'node:http'
import type { HotPath } from '../../adapters/hot-path/hot-path.ts'
import { etaOf, PROGRESS_CHANNEL, positionOf, toEntryView } from './queue.progress.ts'
import type { EntryRow, Progress } from './queue.repository.ts'
import type { QueueEntryView } from './queue.schemas.ts'

interface Client {
  eventId: string
  number: number
  res: ServerResponse
  lastPosition: number
  /** The highest servedUpTo this client has been shown; what it sees never goes back. */
  servedUpTo: number
}

export interface StreamDeps {
  hotPath: HotPath
  progressOf(eventId: string, maxAgeMs?: number): Promise<Progress>
  entriesByNumber(eventId: string, numbers: number[]): Promise<EntryRow[]>
  tickMs?: number
  /** Wall-clock time (ms); the app's clock. */
  now?: () => number
  onError?: (error: unknown) => void
}

export const MAX_STREAMS_PER_ENTRY = 3
/** A registered fan's stream ends this long after the opening (the beacon round is out 3–6 s after it) … */
const DRAW_SETTLE_MS = 6000
/** … plus up to this much more, at random, per stream. */
const DRAW_SPREAD_MS = 4000
/** Held streams get a comment every this many ticks: within the web client's 6 s silence watchdog (api/sse.ts). */
const HEARTBEAT_TICKS = 3

const frame = (event: string, data: unknown, id?: number) =>
  `event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`

export function createQueueStreams(deps: StreamDeps) {
  const tickMs = deps.tickMs ?? 1000
  const byEvent = new Map<string, Set<Client>>()
  /** `eventId:number` → that entry's streams here, oldest first. */
  const byEntry = new Map<string, Client[]>()
  const busy = new Set<string>()
  /** Streams of fans registered for a draw, held until it is done. */
  const registered = new Set<ServerResponse>()
  const now = deps.now ?? Date.now
  let ticks = 0
  let unsubscribe: (() => Promise<void>) | undefined
  let timer: NodeJS.Timeout | undefined
  let closed = false

  /**
   * A fan registered for the opening draw has no place to show until the draw. Their stream says so once, stays
   * open with a comment now and then, and ends a few seconds after the opening, spread over a few more so the whole
   * pre-queue does not reconnect in one instant; the reconnect then finds the drawn number. (Ending right away
   * would have every registered phone reconnect each second of a pre-queue that can last an hour.)
   */
  function holdUntilDrawn(res: ServerResponse, entry: QueueEntryView, drawAt: Date | null) {
    res.write(frame('registered', entry))
    const untilDraw = drawAt ? drawAt.getTime() - now() : 0
    const wait = Math.max(untilDraw, 0) + DRAW_SETTLE_MS + Math.floor(Math.random() * DRAW_SPREAD_MS)
    const timer = setTimeout(() => res.end(), wait)
    registered.add(res)
    res.on('close', () => {
      clearTimeout(timer)
      registered.delete(res)
    })
  }

  function finish(client: Client, view: QueueEntryView) {
    client.res.end(frame('result', view))
    byEvent.get(client.eventId)?.delete(client)
  }

  function sendPosition(client: Client, progress: Progress) {
    client.servedUpTo = Math.max(client.servedUpTo, progress.servedUpTo)
    const position = Math.min(client.lastPosition, positionOf(client.number, client.servedUpTo))
    client.lastPosition = position
    const data = {
      number: client.number,
      position,
      servedUpTo: client.servedUpTo,
      etaSeconds: etaOf(position, progress.processedPerSecond),
    }
    client.res.write(frame('position', data, client.servedUpTo))
  }

  /** One pass for one event: results to the finished streams (one query), positions to the rest. */
  async function broadcast(eventId: string, progress: Progress, positions: boolean) {
    const clients = byEvent.get(eventId)
    if (!clients || clients.size === 0 || busy.has(eventId)) return
    busy.add(eventId)
    try {
      const finished = [...clients].filter((c) => c.number <= progress.servedUpTo)
      if (positions) for (const c of clients) if (c.number > progress.servedUpTo) sendPosition(c, progress)
      if (finished.length === 0) return
      const entries = await deps.entriesByNumber(
        eventId,
        finished.map((c) => c.number),
      )
      const byNumber = new Map(entries.map((e) => [e.number, e]))
      for (const c of finished) {
        const entry = byNumber.get(c.number)
        if (entry && entry.status !== 'waiting') finish(c, toEntryView(entry, progress))
      }
    } finally {
      busy.delete(eventId)
    }
  }

  async function tick() {
    if (++ticks % HEARTBEAT_TICKS === 0) for (const res of registered) res.write(': waiting for the draw\n\n')
    for (const [eventId, clients] of byEvent) {
      if (clients.size === 0) {
        byEvent.delete(eventId)
        continue
      }
      try {
        await broadcast(eventId, await deps.progressOf(eventId, tickMs / 2), true)
      } catch (error) {
        deps.onError?.(error)
      }
    }
  }

  return {
    async start() {
      timer = setInterval(() => void tick(), tickMs)
      unsubscribe = await deps.hotPath.subscribe(PROGRESS_CHANNEL, (message) => {
        const { eventId } = JSON.parse(message) as { eventId: string }
        if (!byEvent.get(eventId)?.size) return
        deps
          .progressOf(eventId, 0)
          .then((progress) => broadcast(eventId, progress, false))
          .catch((error) => deps.onError?.(error))
      })
    },

    /**
     * Takes over a hijacked response: the entry's state now, then positions until its result. `resumeFrom` is the
     * Last-Event-ID a reconnecting EventSource sends (a servedUpTo it has seen), so a reconnect to another process
     * whose progress is a moment older still never shows a higher position.
     */
    open(res: ServerResponse, entry: QueueEntryView, resumeFrom = 0, drawAt: Date | null = null) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      res.write('retry: 1000\n\n')
      if (closed) {
        res.end()
        return
      }
      if (entry.number === null) {
        holdUntilDrawn(res, entry, drawAt)
        return
      }
      if (entry.status !== 'waiting') {
        res.end(frame('result', entry))
        return
      }
      const number = entry.number
      const servedUpTo = Math.max(entry.servedUpTo, Math.min(resumeFrom, number - 1))
      const position = Math.min(entry.position, positionOf(number, servedUpTo))
      const client: Client = { eventId: entry.eventId, number, res, lastPosition: position, servedUpTo }
      const first = { number, position, servedUpTo, etaSeconds: entry.etaSeconds }
      res.write(frame('position', first, servedUpTo))
      const set = byEvent.get(entry.eventId) ?? new Set()
      byEvent.set(entry.eventId, set)
      set.add(client)
      const key = `${entry.eventId}:${entry.number}`
      const siblings = byEntry.get(key) ?? []
      byEntry.set(key, siblings)
      siblings.push(client)
      while (siblings.length > MAX_STREAMS_PER_ENTRY) {
        const oldest = siblings.shift()!
        set.delete(oldest)
        oldest.res.end(frame('superseded', { reason: 'too_many_streams', max: MAX_STREAMS_PER_ENTRY }))
      }
      res.on('close', () => {
        set.delete(client)
        const i = siblings.indexOf(client)
        if (i !== -1) siblings.splice(i, 1)
        if (siblings.length === 0 && byEntry.get(key) === siblings) byEntry.delete(key)
      })
    },

    get size() {
      let n = 0
      for (const set of byEvent.values()) n += set.size
      return n + registered.size
    },

    /** Ends every stream (clients reconnect elsewhere and resume), so the HTTP server can close. */
    async close() {
      closed = true
      if (timer) clearInterval(timer)
      await unsubscribe?.()
      for (const set of byEvent.values()) for (const c of set) c.res.end()
      for (const res of registered) res.end()
      byEvent.clear()
      byEntry.clear()
    },
  }
}

export type QueueStreams = ReturnType<typeof createQueueStreams>
