// One contract for every HotPath: in-process always, Redis when TEST_REDIS_URL is set.
import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { manualClock, systemClock } from '../../kernel/clock.ts'
import type { HotPath } from './hot-path.ts'
import { createInProcessHotPath } from './in-process.ts'
import { openRedisHotPath } from './redis.ts'

interface Subject {
  hotPath: HotPath
  /** Lets `ms` pass for this implementation's notion of time. */
  pass(ms: number): Promise<void>
  /** Another process's view of the same shared state (for in-process: the same instance). */
  peer(): Promise<HotPath>
}

const redisUrl = process.env.TEST_REDIS_URL

const implementations: [string, () => Promise<Subject>][] = [
  [
    'in-process',
    async () => {
      const clock = manualClock()
      const hotPath = createInProcessHotPath(clock)
      return { hotPath, pass: async (ms) => clock.advance(ms), peer: async () => hotPath }
    },
  ],
  ...(redisUrl
    ? ([
        [
          'redis',
          async () => {
            const prefix = `test:${randomBytes(6).toString('hex')}:`
            const hotPath = await openRedisHotPath({ url: redisUrl, clock: systemClock, prefix })
            return {
              hotPath,
              pass: (ms) => sleep(ms + 30),
              peer: async () => track(await openRedisHotPath({ url: redisUrl, clock: systemClock, prefix })),
            }
          },
        ],
      ] as [string, () => Promise<Subject>][])
    : []),
]

const open: HotPath[] = []
const track = (h: HotPath) => {
  open.push(h)
  return h
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()))
})

describe.each(implementations)('HotPath contract: %s', (_name, make) => {
  const subject = async () => {
    const s = await make()
    track(s.hotPath)
    return s
  }

  it('allows hits up to the limit in a window, then refuses with the time left in the window', async () => {
    const { hotPath } = await subject()
    const decisions = []
    for (let i = 0; i < 4; i++) decisions.push(await hotPath.hit('login:1.2.3.4', 3, 60_000))
    expect(decisions.slice(0, 3).every((d) => d.allowed && d.retryAfterMs === 0)).toBe(true)
    expect(decisions[3]!.allowed).toBe(false)
    expect(decisions[3]!.retryAfterMs).toBeGreaterThan(0)
    expect(decisions[3]!.retryAfterMs).toBeLessThanOrEqual(60_000)
  })

  it('counts in a window, shows the count without counting, and forgets a key on request', async () => {
    const { hotPath, pass, peer } = await subject()
    expect(await hotPath.peek('fails')).toBeNull()
    expect((await hotPath.count('fails', 200)).count).toBe(1)
    const second = await hotPath.count('fails', 200)
    expect(second.count).toBe(2)
    expect(second.resetInMs).toBeGreaterThan(0)
    expect(second.resetInMs).toBeLessThanOrEqual(200)
    const other = await peer()
    expect((await other.peek('fails'))?.count).toBe(2)
    expect((await other.peek('fails'))?.count).toBe(2)
    await other.forget('fails')
    expect(await hotPath.peek('fails')).toBeNull()
    await hotPath.count('fails', 150)
    await pass(150)
    expect(await hotPath.peek('fails')).toBeNull()
    expect((await hotPath.count('fails', 150)).count).toBe(1)
  })

  it('counts each key apart', async () => {
    const { hotPath } = await subject()
    expect((await hotPath.hit('a', 1, 60_000)).allowed).toBe(true)
    expect((await hotPath.hit('b', 1, 60_000)).allowed).toBe(true)
    expect((await hotPath.hit('a', 1, 60_000)).allowed).toBe(false)
  })

  it('starts a fresh window once the old one has passed', async () => {
    const { hotPath, pass } = await subject()
    await hotPath.hit('k', 1, 150)
    expect((await hotPath.hit('k', 1, 150)).allowed).toBe(false)
    await pass(150)
    expect((await hotPath.hit('k', 1, 150)).allowed).toBe(true)
  })

  it('counts concurrent hits exactly: no more are allowed than the limit', async () => {
    const { hotPath } = await subject()
    const decisions = await Promise.all(Array.from({ length: 200 }, () => hotPath.hit('burst', 50, 60_000)))
    expect(decisions.filter((d) => d.allowed)).toHaveLength(50)
  })

  it('shares counters with every other instance on the same backend', async () => {
    const { hotPath, peer } = await subject()
    const other = await peer()
    await Promise.all(Array.from({ length: 5 }, () => hotPath.hit('shared', 8, 60_000)))
    const seen = await Promise.all(Array.from({ length: 5 }, () => other.hit('shared', 8, 60_000)))
    expect(seen.filter((d) => d.allowed)).toHaveLength(3)
  })

  it('delivers a published message to every listener on the channel, in this process and in others', async () => {
    const { hotPath, peer } = await subject()
    const other = await peer()
    const here = collect()
    const there = collect()
    const elsewhere = collect()
    await hotPath.subscribe('progress:e1', here.listener)
    await other.subscribe('progress:e1', there.listener)
    await other.subscribe('progress:e2', elsewhere.listener)
    await hotPath.publish('progress:e1', 'servedUpTo=10')
    await other.publish('progress:e1', 'servedUpTo=20')
    expect(await here.next(2)).toEqual(['servedUpTo=10', 'servedUpTo=20'])
    expect(await there.next(2)).toEqual(['servedUpTo=10', 'servedUpTo=20'])
    expect(elsewhere.messages).toEqual([])
  })

  it('stops delivering to a listener once it unsubscribes, and keeps delivering to the others', async () => {
    const { hotPath } = await subject()
    const leaving = collect()
    const staying = collect()
    const unsubscribe = await hotPath.subscribe('c', leaving.listener)
    await hotPath.subscribe('c', staying.listener)
    await unsubscribe()
    await hotPath.publish('c', 'm')
    expect(await staying.next(1)).toEqual(['m'])
    expect(leaving.messages).toEqual([])
  })

  it('keeps a failing listener from reaching the publisher or the other listeners', async () => {
    const { hotPath } = await subject()
    const good = collect()
    await hotPath.subscribe('c', () => {
      throw new Error('listener bug')
    })
    await hotPath.subscribe('c', good.listener)
    await expect(hotPath.publish('c', 'm')).resolves.toBeUndefined()
    expect(await good.next(1)).toEqual(['m'])
  })

  it('answers ping while healthy and closes more than once without error', async () => {
    const { hotPath } = await subject()
    await expect(hotPath.ping()).resolves.toBeUndefined()
    await hotPath.close()
    await expect(hotPath.close()).resolves.toBeUndefined()
  })
})

/** Gathers messages; next(n) waits (briefly) until n have arrived. */
function collect() {
  const messages: string[] = []
  let wake = () => {}
  return {
    messages,
    listener: (m: string) => {
      messages.push(m)
      wake()
    },
    async next(n: number) {
      const deadline = Date.now() + 2_000
      while (messages.length < n && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          wake = resolve
          setTimeout(resolve, 50)
        })
      }
      return [...messages]
    },
  }
}
