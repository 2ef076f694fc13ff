// The draw's arithmetic: a uniform permutation, independent of the order fans registered in, and fixed by its seed.
import { createHash } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { beaconRoundFor, commitmentOf, drawOrder, roundTime, seedOf } from './queue.draw.ts'

const seedNo = (i: number) => createHash('sha256').update(`seed ${i}`).digest('hex')
const ticketsOf = (n: number) =>
  Array.from({ length: n }, (_, i) => createHash('sha256').update(`ticket ${i}`).digest('hex').slice(0, 32))

/**
 * The upper 0.1 % point of the chi-square distribution (Wilson–Hilferty): a fair draw exceeds it once in a thousand
 * runs. The seeds are fixed, so each test below is one such run, the same every time.
 */
const chiSquareCritical = (df: number) => {
  const z = 3.0902 // the standard normal's 99.9th percentile
  return df * (1 - 2 / (9 * df) + z * Math.sqrt(2 / (9 * df))) ** 3
}
const chiSquare = (counts: number[], expected: number) => counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0)

describe('the opening draw', () => {
  it('gives each of the 120 orders of 5 fans the same chance (chi-square over 24,000 draws)', () => {
    const tickets = ticketsOf(5)
    const counts = new Map<string, number>()
    const draws = 24_000
    for (let i = 0; i < draws; i++) {
      const order = drawOrder(tickets, seedNo(i)).join(',')
      counts.set(order, (counts.get(order) ?? 0) + 1)
    }
    expect(counts.size).toBe(120)
    const statistic = chiSquare([...counts.values()], draws / 120)
    expect(statistic).toBeLessThan(chiSquareCritical(119))
  })

  it('puts every fan in every place equally often (chi-square over a 12 × 12 table)', () => {
    const n = 12
    const tickets = ticketsOf(n)
    const draws = 12_000
    const table = tickets.map(() => new Array<number>(n).fill(0))
    for (let i = 0; i < draws; i++) {
      drawOrder(tickets, seedNo(i)).forEach((t, place) => {
        table[tickets.indexOf(t)]![place]!++
      })
    }
    const statistic = chiSquare(table.flat(), draws / n)
    // Each row and column sums to `draws`: (n − 1)² degrees of freedom.
    expect(statistic).toBeLessThan(chiSquareCritical((n - 1) ** 2))
  })

  it('is a permutation, fixed by the seed, whatever order the list arrives in (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{32}$/), { maxLength: 60 }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        fc.integer(),
        (tickets, seed, shuffleSeed) => {
          const order = drawOrder(tickets, seed)
          expect([...order].sort()).toEqual([...tickets].sort())
          // Arrival order is the order of the list as given: reversing or rotating it changes nobody's number.
          const k = tickets.length === 0 ? 0 : Math.abs(shuffleSeed) % tickets.length
          const arrived = [...tickets.slice(k), ...tickets.slice(0, k)].reverse()
          expect(drawOrder(arrived, seed)).toEqual(order)
          expect(commitmentOf(arrived)).toBe(commitmentOf(tickets))
        },
      ),
    )
  })

  it('changes with every input of the seed, and the commitment with any ticket', () => {
    const base = { eventId: 'e1', commitment: 'c'.repeat(64), secret: 'ab'.repeat(32), beaconRandomness: null }
    const seeds = new Set([
      seedOf(base),
      seedOf({ ...base, eventId: 'e2' }),
      seedOf({ ...base, commitment: 'd'.repeat(64) }),
      seedOf({ ...base, secret: 'cd'.repeat(32) }),
      seedOf({ ...base, beaconRandomness: 'fe'.repeat(32) }),
    ])
    expect(seeds.size).toBe(5)
    const tickets = ticketsOf(3)
    expect(commitmentOf([...tickets.slice(0, 2), `${tickets[2]!.slice(0, -1)}0`])).not.toBe(commitmentOf(tickets))
    // The stated form: SHA-256 of each ticket and a newline, in byte order.
    expect(commitmentOf(['b1', 'a2'])).toBe(createHash('sha256').update('a2\nb1\n').digest('hex'))
  })

  it('gives the worked example of docs/DRAW.md (also checked there with sha256sum and a Python re-implementation)', () => {
    const tickets = ['3d', '0a', '4e', '1b', '2c'].map((b) => b.repeat(16))
    const commitment = commitmentOf(tickets)
    expect(commitment).toBe('dbad92f5e6e98bdd16cdf7d44d1f1e665df0d4df26311529f3104196433b5f2a')
    const seed = seedOf({
      eventId: 'evt_example',
      commitment,
      secret: '5f'.repeat(32),
      beaconRandomness: 'fe290beca10872ef2fb164d2aa4442de4566183ec51c56ff3cd603d930e54fdd',
    })
    expect(seed).toBe('abad0aee87633cf557cbe323eaa0d1df28e368b733294394c2d6e72d233b4297')
    expect(drawOrder(tickets, seed).map((t) => t.slice(0, 2))).toEqual(['2c', '1b', '0a', '3d', '4e'])
  })

  it('takes the beacon round two after the one in progress when the list froze', () => {
    const quicknet = { genesisTime: 1692803367, period: 3 }
    // Round 998 runs from 15:59:18 to 15:59:21 UTC; round 1000 is published at 15:59:24.
    expect(beaconRoundFor(new Date('2023-08-23T15:59:19Z'), quicknet)).toBe(1000)
    expect(new Date(roundTime(1000, quicknet)).toISOString()).toBe('2023-08-23T15:59:24.000Z')
  })
})
