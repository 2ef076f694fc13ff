// Live places over SSE against a listening server: positions only fall, exactly one result, clean shutdown.
import { get as httpGet } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { insertEvent } from '../../../test/events-factory.ts'
import { insertFans, TEST_JWT_SECRET } from '../../../test/fans-factory.ts'
import { startTestApp, storages, type TestApp } from '../../../test/harness.ts'

interface Frame {
  event: string
  data: Record<string, unknown>
}

/** Reads a whole event stream (until the server ends it) into frames; `onFrame` hears each as it comes. */
async function readStream(url: string, headers: Record<string, string> = {}, onFrame = () => {}) {
  const res = await fetch(url, { headers })
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
  const frames: Frame[] = []
  let buffer = ''
  const decoder = new TextDecoder()
  for await (const chunk of res.body!) {
    buffer += decoder.decode(chunk, { stream: true })
    let cut = buffer.indexOf('\n\n')
    while (cut >= 0) {
      const block = buffer.slice(0, cut)
      buffer = buffer.slice(cut + 2)
      const event = /^event: (.+)$/m.exec(block)?.[1]
      const data = /^data: (.+)$/m.exec(block)?.[1]
      if (event && data) frames.push({ event, data: JSON.parse(data) })
      onFrame()
      cut = buffer.indexOf('\n\n')
    }
  }
  return frames
}

describe.each(storages)('the queue stream on %s', (storage) => {
  let app: TestApp
  afterEach(async () => {
    await app?.close()
  })

  it('shows every waiting fan a falling position and then exactly one result', async () => {
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' })
    const base = await app.http.listen({ host: '127.0.0.1', port: 0 })
    const { eventId, grades } = await insertEvent(app.database.db, {
      grades: [{ name: 'S석', price: 99_000, capacity: 40 }],
    })
    const fans = await insertFans(app.database.db, 60)
    for (const fan of fans)
      await app.http.inject({
        method: 'POST',
        url: `/api/events/${eventId}/queue`,
        headers: { authorization: `Bearer ${fan.token}` },
        payload: { gradeId: grades[0]!.id, quantity: 1 },
      })
    // Half by header, half as EventSource would: the token in the query string.
    const opened = fans.map(() => {
      let resolve = () => {}
      const promise = new Promise<void>((r) => {
        resolve = r
      })
      return { promise, resolve }
    })
    const streams = fans.map((fan, i) =>
      i % 2
        ? readStream(`${base}/api/events/${eventId}/queue/stream`, { authorization: `Bearer ${fan.token}` }, () =>
            opened[i]!.resolve(),
          )
        : readStream(`${base}/api/events/${eventId}/queue/stream?access_token=${fan.token}`, {}, () =>
            opened[i]!.resolve(),
          ),
    )
    await Promise.all(opened.map((o) => o.promise))
    await app.start()
    const all = await Promise.all(streams)
    for (const [i, frames] of all.entries()) {
      const positions = frames.filter((f) => f.event === 'position').map((f) => f.data.position as number)
      expect(positions.length).toBeGreaterThan(0)
      for (let k = 1; k < positions.length; k++) expect(positions[k]).toBeLessThanOrEqual(positions[k - 1]!)
      const results = frames.filter((f) => f.event === 'result')
      expect(results).toHaveLength(1)
      expect(frames.at(-1)!.event).toBe('result')
      expect(results[0]!.data).toMatchObject({ number: i + 1, status: i < 40 ? 'succeeded' : 'failed', position: 0 })
    }
    // Connecting after processing: the result at once.
    const late = await readStream(`${base}/api/events/${eventId}/queue/stream?access_token=${fans[0]!.token}`)
    expect(late.map((f) => f.event)).toEqual(['result'])
    const anonymous = await fetch(`${base}/api/events/${eventId}/queue/stream`)
    expect(anonymous.status).toBe(401)
  })

  it('ends open streams when the app closes, without hanging; a reconnect resumes from its Last-Event-ID', async () => {
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' })
    const base = await app.http.listen({ host: '127.0.0.1', port: 0 })
    const { eventId, grades } = await insertEvent(app.database.db)
    const fans = await insertFans(app.database.db, 3)
    for (const fan of fans)
      await app.http.inject({
        method: 'POST',
        url: `/api/events/${eventId}/queue`,
        headers: { authorization: `Bearer ${fan.token}` },
        payload: { gradeId: grades[0]!.id, quantity: 1 },
      })
    const url = `${base}/api/events/${eventId}/queue/stream?access_token=${fans[2]!.token}`
    const fresh = readStream(url)
    const resumed = readStream(url, { 'last-event-id': '1' })
    await new Promise((r) => setTimeout(r, 300))
    await app.close()
    // Nothing is processed (no worker): only positions, and the app's close ended both streams.
    const freshFrames = await fresh
    const resumedFrames = await resumed
    expect(new Set([...freshFrames, ...resumedFrames].map((f) => f.event))).toEqual(new Set(['position']))
    expect(new Set(freshFrames.map((f) => f.data.position))).toEqual(new Set([3]))
    expect(new Set(resumedFrames.map((f) => `${f.data.position}@${f.data.servedUpTo}`))).toEqual(new Set(['2@1']))
  })

  it('keeps at most three streams for one entry: a fourth ends the oldest, which is told why', async () => {
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' })
    const base = await app.http.listen({ host: '127.0.0.1', port: 0 })
    const { eventId, grades } = await insertEvent(app.database.db)
    const [fan, other] = await insertFans(app.database.db, 2)
    for (const f of [fan!, other!])
      await app.http.inject({
        method: 'POST',
        url: `/api/events/${eventId}/queue`,
        headers: { authorization: `Bearer ${f.token}` },
        payload: { gradeId: grades[0]!.id, quantity: 1 },
      })
    /** One tab: resolves once its first position arrived, with what it hears until the server ends it. */
    const openTab = (token: string) =>
      new Promise<{ heard: Promise<string> }>((opened, failed) => {
        const req = httpGet(`${base}/api/events/${eventId}/queue/stream?access_token=${token}`, (res) => {
          let text = ''
          const heard = new Promise<string>((done) => res.on('end', () => done(text)))
          res.on('data', (chunk) => {
            text += chunk
            if (text.includes('event: position')) opened({ heard })
          })
        })
        req.on('error', failed)
      })
    const first = await openTab(fan!.token)
    const kept = [await openTab(fan!.token), await openTab(fan!.token)]
    const othersTab = await openTab(other!.token)
    const fourth = await openTab(fan!.token)
    expect(await first.heard).toContain('event: superseded\ndata: {"reason":"too_many_streams","max":3}')
    await app.close()
    for (const tab of [...kept, othersTab, fourth]) expect(await tab.heard).not.toContain('superseded')
  })

  it('holds a registered fan’s stream until after the draw, then the reconnect shows the drawn number', async () => {
    app = await startTestApp(storage, { JWT_SECRET: TEST_JWT_SECRET, RATE_LIMITS: 'off' })
    const base = await app.http.listen({ host: '127.0.0.1', port: 0 })
    const opening = new Date(Date.now() + 1500)
    const { eventId, grades } = await insertEvent(app.database.db, {
      preQueueOpensAt: new Date(Date.now() - 60_000),
      saleOpensAt: opening,
    })
    const [fan] = await insertFans(app.database.db, 1)
    const joined = await app.http.inject({
      method: 'POST',
      url: `/api/events/${eventId}/queue`,
      headers: { authorization: `Bearer ${fan!.token}` },
      payload: { gradeId: grades[0]!.id, quantity: 1 },
    })
    expect(joined.json().status).toBe('registered')
    const url = `${base}/api/events/${eventId}/queue/stream?access_token=${fan!.token}`
    const held = await readStream(url)
    const endedAt = Date.now()
    // One frame, and the stream stayed open past the opening instead of ending for a reconnect every second.
    expect(held.map((f) => f.event)).toEqual(['registered'])
    expect(held[0]!.data).toMatchObject({ status: 'registered', number: null })
    expect(endedAt).toBeGreaterThan(opening.getTime())
    await app.start()
    const me = async () =>
      (
        await app.http.inject({
          url: `/api/events/${eventId}/queue/me`,
          headers: { authorization: `Bearer ${fan!.token}` },
        })
      ).json()
    await vi.waitFor(async () => expect((await me()).number).toBe(1), { timeout: 10_000, interval: 50 })
    const after = await readStream(url)
    expect(after.at(-1)).toMatchObject({ event: 'result', data: { number: 1, status: 'succeeded' } })
  })
})
