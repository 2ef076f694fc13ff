// Server-sent events over fetch, so the stream carries the same bearer token as every other call (EventSource
// cannot set headers). Reconnects with backoff on network loss; never polls.
import { send } from './client.ts'

export interface SseHandlers {
  onEvent(name: string, data: unknown): void
  /** The connection state, for the UI: reconnecting after a drop, or live. */
  onState?(state: 'live' | 'reconnecting'): void
  /** A non-2xx answer that retrying will not fix (404, 401 after refresh). */
  onFatal?(status: number): void
}

/** The server speaks at least once a second while waiting; this much silence means a dead connection. */
export const STALE_AFTER_MS = 6000

export function openSse(path: string, handlers: SseHandlers): () => void {
  let stopped = false
  let attempt = 0
  let connection: AbortController | null = null
  // As EventSource does: a reconnect names the last event id seen, so the server resumes from there.
  let lastEventId = ''
  // A phone that loses its network often gets no error at all, just silence: a watchdog and the browser's
  // offline event end such a connection; the online event ends the backoff early.
  let wake: (() => void) | null = null
  const onOnline = () => wake?.()
  const onOffline = () => connection?.abort()
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)

  const run = async () => {
    while (!stopped) {
      const current = new AbortController()
      connection = current
      let watchdog: ReturnType<typeof setTimeout> | undefined
      const heard = () => {
        clearTimeout(watchdog)
        watchdog = setTimeout(() => current.abort(), STALE_AFTER_MS)
      }
      try {
        heard()
        const headers: Record<string, string> = lastEventId ? { 'last-event-id': lastEventId } : {}
        const res = await send(path, { signal: current.signal, headers }, false)
        if (res.status === 404 || res.status === 401 || res.status === 403) {
          handlers.onFatal?.(res.status)
          return
        }
        if (!res.ok || !res.body) throw new Error(`stream ${res.status}`)
        attempt = 0
        handlers.onState?.('live')
        await readEvents(res.body, handlers.onEvent, heard, (id) => {
          lastEventId = id
        })
      } catch {
        if (stopped) return
      } finally {
        clearTimeout(watchdog)
        current.abort()
      }
      if (stopped) return
      handlers.onState?.('reconnecting')
      // Backoff with jitter so 100,000 phones do not reconnect in the same instant.
      const delay = Math.min(15_000, 500 * 2 ** attempt) * (0.5 + Math.random())
      attempt = Math.min(attempt + 1, 6)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay)
        wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      wake = null
    }
  }
  void run()
  return () => {
    stopped = true
    wake?.()
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
    connection?.abort()
  }
}

export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onEvent: (name: string, data: unknown) => void,
  onBytes: () => void = () => {},
  onId: (id: string) => void = () => {},
) {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    onBytes()
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, '\n')
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      dispatch(buffer.slice(0, end), onEvent, onId)
      buffer = buffer.slice(end + 2)
      end = buffer.indexOf('\n\n')
    }
  }
}

function dispatch(block: string, onEvent: (name: string, data: unknown) => void, onId: (id: string) => void) {
  let name = 'message'
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') name = value
    else if (field === 'data') data.push(value)
    else if (field === 'id' && !value.includes('\0')) onId(value)
  }
  if (data.length === 0) return
  const text = data.join('\n')
  try {
    onEvent(name, JSON.parse(text))
  } catch {
    onEvent(name, text)
  }
}
