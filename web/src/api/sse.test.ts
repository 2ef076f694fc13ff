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
  const ids: string[] = []
  await readEvents(
    streamOf([
      ': keep-alive\n\n',
      'event: position\r\nid: 2\r\ndata: {"position":',
      '5}\r\n\r\nevent: position\nid: 3\ndata: {"position":2}\n\n',
      'event: result\ndata: {"status":"succeeded"}\n\n',
      'data: hello\ndata: world\n\n',
    ]),
    (name, data) => seen.push([name, data]),
    () => {},
    (id) => ids.push(id),
  )
  expect(ids).toEqual(['2', '3'])
  expect(seen).toEqual([
    ['position', { position: 5 }],
    ['position', { position: 2 }],
    ['result', { status: 'succeeded' }],
    ['message', 'hello\nworld'],
  ])
})
