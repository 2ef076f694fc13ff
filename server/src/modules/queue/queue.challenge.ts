// Bots pay to enter: an ALTCHA PoW v2 challenge per account and event (altcha-lib). The challenge is signed and
// carries who and what it is for; the join brings back the solved payload. Verifying is two HMACs (the derived key
// is signed at issue, so the server never derives it again); a proof is spent once its join is accepted, so a fan
// who tried too early keeps theirs for the opening.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { createChallenge, randomInt } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'
import type { Challenge, Solution } from 'altcha-lib/types'
import type { HotPath } from '../../adapters/hot-path/hot-path.ts'
import type { Clock } from '../../kernel/clock.ts'
import { challengeFailed } from './queue.errors.ts'

export const CHALLENGE_ALGORITHM = 'PBKDF2/SHA-256'
/** PBKDF2 iterations per derived key: `cost` keys on average is the work. */
export const ITERATIONS_PER_KEY = 1_000
/** Long enough to fetch before the opening and solve while waiting; the page fetches a new one when it lapses. */
export const CHALLENGE_TTL_MS = 30 * 60_000

export interface EntryChallenges {
  issue(userId: string, eventId: string, cost: number): Promise<Challenge>
  /** Throws 403 queue.challenge_failed unless `proof` solves a live challenge of this account and event. */
  check(userId: string, eventId: string, proof: string | undefined): Promise<SpendableProof>
}

export interface SpendableProof {
  /** Marks the proof used (after its join was accepted); a second use is refused until it would have expired. */
  spend(): Promise<void>
}

/** altcha-lib's canonical JSON of signed parameters (helpers.js `sortKeys`): keys sorted at every depth. */
function canonical(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((key) => {
        const v = (value as Record<string, unknown>)[key]
        return v === undefined ? [] : [[key, canonical(v)]]
      }),
  )
}

const hmacHex = (secret: string, data: string | Buffer) => createHmac('sha256', secret).update(data).digest('hex')
const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b))

/**
 * altcha-lib's `verifySolution` for our challenges (PBKDF2 v2 with a key signature: the derived key was signed at
 * issue, so checking is two HMAC-SHA256), done with node:crypto in one synchronous step. The library's own does the
 * same two HMACs through WebCrypto, importing each key anew, and measured ~300 µs of CPU per join against ~20 µs
 * here (docs/BENCHMARKS.md, pow). queue.challenge.test.ts holds the two to the same answer on random tampering.
 * Expiry is checked before, by the caller.
 */
export function solvedAsSigned(
  challenge: Challenge,
  solution: Solution,
  secrets: { hmacSignatureSecret: string; hmacKeySignatureSecret: string },
) {
  if (typeof challenge.signature !== 'string' || typeof challenge.parameters !== 'object') return false
  const signed = hmacHex(secrets.hmacSignatureSecret, JSON.stringify(canonical(challenge.parameters)))
  if (!sameText(challenge.signature, signed)) return false
  const { derivedKey, counter } = solution ?? {}
  if (typeof derivedKey !== 'string' || !/^(?:[0-9a-f]{2})+$/.test(derivedKey)) return false
  if (!Number.isInteger(counter) || counter < 0 || counter > 0xffffffff) return false
  const keySignature = challenge.parameters.keySignature
  if (typeof keySignature !== 'string') return false
  return sameText(keySignature, hmacHex(secrets.hmacKeySignatureSecret, Buffer.from(derivedKey, 'hex')))
}

export function createEntryChallenges(deps: {
  secret: string
  keySecret: string
  clock: Clock
  hotPath: HotPath
}): EntryChallenges {
  const { clock, hotPath } = deps
  const secrets = { hmacSignatureSecret: deps.secret, hmacKeySignatureSecret: deps.keySecret }

  function decode(proof: string): { challenge: Challenge; solution: Solution } | null {
    try {
      const payload = JSON.parse(Buffer.from(proof, 'base64').toString('utf8'))
      const p = payload?.challenge?.parameters
      const s = payload?.solution
      if (typeof p !== 'object' || p === null || typeof s?.counter !== 'number' || typeof s.derivedKey !== 'string')
        return null
      return payload
    } catch {
      return null
    }
  }

  return {
    async issue(userId, eventId, cost) {
      return createChallenge({
        algorithm: CHALLENGE_ALGORITHM,
        cost: ITERATIONS_PER_KEY,
        // The solver counts up from 0, so a counter drawn from [cost/2, 3·cost/2] takes `cost` keys on average.
        counter: randomInt(Math.max(1, Math.floor(cost / 2)), Math.max(2, Math.ceil((3 * cost) / 2))),
        deriveKey,
        expiresAt: new Date(clock.now().getTime() + CHALLENGE_TTL_MS),
        data: { userId, eventId },
        ...secrets,
      })
    },

    async check(userId, eventId, proof) {
      const payload = proof ? decode(proof) : null
      if (!payload) throw challengeFailed('no proof-of-work, or not an ALTCHA payload')
      const { data, expiresAt } = payload.challenge.parameters
      if (data?.userId !== userId || data?.eventId !== eventId) throw challengeFailed('made for someone else')
      // altcha-lib reads the clock itself; ours is checked too, so a test clock and the real one agree.
      if (typeof expiresAt !== 'number' || expiresAt * 1000 <= clock.now().getTime()) throw challengeFailed('expired')
      if (!solvedAsSigned(payload.challenge, payload.solution, secrets)) throw challengeFailed('not solved')
      const key = `pow:${payload.challenge.signature}`
      if (await hotPath.peek(key)) throw challengeFailed('already used')
      return {
        async spend() {
          await hotPath.count(key, Math.max(1, expiresAt * 1000 - clock.now().getTime()))
        },
      }
    },
  }
}
