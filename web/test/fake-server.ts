// A stand-in for the HTTP API at the network boundary (global fetch), answering by method and path. SSE routes
// answer a stream the test pushes events into.
import { vi } from 'vitest'

interface FakeRequest {
  method: string
  path: string
  body: unknown
  headers: Record<string, string>
  signal?: AbortSignal | null | undefined
}
type Handler = (request: FakeRequest) => Response | Promise<Response>

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

export interface SseControl {
  send(event: string, data: unknown): void
  close(): void
  /** Simulates a dropped network. */
  fail(): void
  /** True once the client aborted its request (it stopped listening). */
  aborted(): boolean
  response: Response
}

export function sseStream(signal?: AbortSignal | null): SseControl {
  let aborted = false
  let controller!: ReadableStreamDefaultController<Uint8Array>
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c
    },
  })
  signal?.addEventListener('abort', () => {
    aborted = true
    controller.error(new DOMException('aborted', 'AbortError'))
  })
  return {
    send: (event, data) => {
      const id = (data as { servedUpTo?: number } | null)?.servedUpTo
      controller.enqueue(
        encoder.encode(`event: ${event}\n${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(data)}\n\n`),
      )
    },
    close: () => controller.close(),
    aborted: () => aborted,
    fail: () => controller.error(new TypeError('network error')),
    response: new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  }
}

export function fakeServer(routes: Record<string, Handler>) {
  const calls: FakeRequest[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const path = typeof input === 'string' ? input : input.toString()
    const method = init.method ?? 'GET'
    const headers = (init.headers ?? {}) as Record<string, string>
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
    const request = { method, path, body, headers, signal: init.signal }
    calls.push(request)
    const handler = routes[`${method} ${path.split('?')[0]}`]
    if (!handler) return json(404, { code: 'not_found', status: 404, detail: `no route ${method} ${path}` })
    return handler(request)
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls }
}
