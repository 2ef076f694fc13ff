import { expect, test } from 'vitest'
import { readEvents } from './sse.ts'

function streamOf(chunks: string[]) {
  const encoder = new TextEncoder()
  return new ReadableStream<Uint8Array>({
    start(c) {
      for (const chunk of chunks) c.enqueue(encoder.encode(chunk))
      c.close()
    },
  })
}

test('events split across chunks, comments and CRLF line ends are read as whole events', async () => {
  const seen: [string, unknown][] = []
  await readEvents(
    streamOf([
      ': keep-alive\n\n',
      'event: position\r\ndata: {"position":',
      '5}\r\n\r\nevent: position\nid: 3\ndata: {"position":2}\n\n',
      'event: result\ndata: {"status":"succeeded"}\n\n',
      'data: hello\ndata: world\n\n',
    ]),
    (name, data) => seen.push([name, data]),
  )
  expect(seen).toEqual([
    ['position', { position: 5 }],
    ['position', { position: 2 }],
    ['result', { status: 'succeeded' }],
    ['message', 'hello\nworld'],
  ])
})
