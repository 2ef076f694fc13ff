// The opening draw's arithmetic, exactly as docs/DRAW.md states it: the commitment to the registered list, the seed,
// and the permutation. Pure and deterministic, so the server and `npm run verify-draw` compute the same numbers
// from the same published values. (The server's commitment is computed in SQL by queue_draw_freeze; a test holds
// the two to the same value.)
import { createHash } from 'node:crypto'

export const DRAW_ALGORITHM = 'trusticket-draw-v1'

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest()

/** Tickets in byte order (they are lowercase hex, so JavaScript's code-unit order is byte order). */
export const sortedTickets = (tickets: readonly string[]) => [...tickets].sort()

/** SHA-256 (hex) of every ticket followed by a newline, the tickets in byte order. */
export function commitmentOf(tickets: readonly string[]) {
  return sha256(
    sortedTickets(tickets)
      .map((t) => `${t}\n`)
      .join(''),
  ).toString('hex')
}

export interface SeedInputs {
  eventId: string
  commitment: string
  /** The secret revealed at the draw, whose SHA-256 was public before the pre-queue opened. */
  secret: string
  /** The drand round's randomness (hex), or null for a draw without a beacon. */
  beaconRandomness: string | null
}

/** SHA-256 (hex) of the five lines `trusticket-draw-v1`, eventId, commitment, secret, randomness (or empty). */
export function seedOf(inputs: SeedInputs) {
  const lines = [DRAW_ALGORITHM, inputs.eventId, inputs.commitment, inputs.secret, inputs.beaconRandomness ?? '']
  return sha256(lines.join('\n')).toString('hex')
}

/**
 * A stream of uniform integers from the seed: 32-bit big-endian words of the blocks SHA-256(seed ‖ k), k = 0, 1, 2 …
 * as 8-byte big-endian; below(n) rejects words ≥ 2³² − (2³² mod n) so every value in [0, n) is equally likely.
 */
function uniformStream(seedHex: string) {
  const seed = Buffer.from(seedHex, 'hex')
  const input = Buffer.alloc(seed.length + 8)
  seed.copy(input)
  let block = Buffer.alloc(0)
  let offset = 0
  let counter = 0n
  const word = () => {
    if (offset === block.length) {
      input.writeBigUInt64BE(counter++, seed.length)
      block = sha256(input)
      offset = 0
    }
    const w = block.readUInt32BE(offset)
    offset += 4
    return w
  }
  return {
    below(n: number) {
      const limit = 2 ** 32 - (2 ** 32 % n)
      let w = word()
      while (w >= limit) w = word()
      return w % n
    },
  }
}

/**
 * The drawn order: the tickets in byte order, shuffled by Fisher–Yates from the last place down (for i = n − 1 … 1,
 * swap places i and below(i + 1)). The ticket in place k gets number firstNumber + k.
 */
export function drawOrder(tickets: readonly string[], seedHex: string) {
  const order = sortedTickets(tickets)
  const random = uniformStream(seedHex)
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.below(i + 1)
    const t = order[i]!
    order[i] = order[j]!
    order[j] = t
  }
  return order
}

/** drand: the round in progress at a time (ms), as drand-client's roundAt counts; round 1 is at genesis. */
export function roundAt(timeMs: number, chain: { genesisTime: number; period: number }) {
  return Math.floor((timeMs - chain.genesisTime * 1000) / (chain.period * 1000)) + 1
}

/** The beacon round a draw frozen at `frozenAt` uses: two after the one in progress, so it did not exist yet. */
export const beaconRoundFor = (frozenAt: Date, chain: { genesisTime: number; period: number }) =>
  roundAt(frozenAt.getTime(), chain) + 2

/** When a round is published (ms). */
export const roundTime = (round: number, chain: { genesisTime: number; period: number }) =>
  (chain.genesisTime + (round - 1) * chain.period) * 1000
