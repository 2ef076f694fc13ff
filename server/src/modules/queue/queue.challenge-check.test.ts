// The join's proof check (solvedAsSigned, node:crypto) against altcha-lib's own verifySolution: on a solved proof
// and on every kind of tampering fast-check can make of it, the two give the same answer.
import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2'
import type { Challenge, Solution } from 'altcha-lib/types'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHALLENGE_ALGORITHM, ITERATIONS_PER_KEY, solvedAsSigned } from './queue.challenge.ts'

const secrets = { hmacSignatureSecret: 'signature-secret-0123456789', hmacKeySignatureSecret: 'key-secret-0123456789' }

async function solved() {
  const challenge = await createChallenge({
    algorithm: CHALLENGE_ALGORITHM,
    cost: ITERATIONS_PER_KEY,
    counter: 2,
    deriveKey,
    expiresAt: new Date(Date.now() + 3_600_000),
    data: { userId: 'u1', eventId: 'e1' },
    ...secrets,
  })
  const solution = (await solveChallenge({ challenge, deriveKey }))!
  return { challenge, solution }
}

/** One character of a hex string changed (to another hex digit). */
const flip = (hex: string, at: number) => {
  const i = at % hex.length
  const c = hex[i] === '0' ? '1' : '0'
  return hex.slice(0, i) + c + hex.slice(i + 1)
}

type Proof = { challenge: Challenge; solution: Solution }
const tamperings: fc.Arbitrary<(p: Proof) => Proof>[] = [
  fc.constant((p: Proof) => p),
  fc
    .nat()
    .map((at) => (p: Proof) => ({ ...p, challenge: { ...p.challenge, signature: flip(p.challenge.signature!, at) } })),
  fc
    .nat()
    .map((at) => (p: Proof) => ({ ...p, solution: { ...p.solution, derivedKey: flip(p.solution.derivedKey, at) } })),
  fc.constant((p: Proof) => ({ ...p, solution: { ...p.solution, derivedKey: p.solution.derivedKey.toUpperCase() } })),
  fc.constant((p: Proof) => ({ ...p, solution: { ...p.solution, derivedKey: p.solution.derivedKey.slice(1) } })),
  fc
    .oneof(fc.constant(-1), fc.constant(1.5), fc.constant(2 ** 32), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
    .map((counter) => (p: Proof) => ({ ...p, solution: { ...p.solution, counter } })),
  fc
    .record({
      key: fc.constantFrom('nonce', 'salt', 'keySignature', 'keyPrefix'),
      at: fc.nat(),
    })
    .map(({ key, at }) => (p: Proof) => {
      const parameters = p.challenge.parameters as unknown as Record<string, string>
      return {
        ...p,
        challenge: { ...p.challenge, parameters: { ...p.challenge.parameters, [key]: flip(parameters[key]!, at) } },
      }
    }),
  fc
    .constantFrom<Record<string, string>[]>(
      { userId: 'u2', eventId: 'e1' },
      { userId: 'u1', eventId: 'e2' },
      { userId: 'u1' },
    )
    .map((data) => (p: Proof) => ({
      ...p,
      challenge: { ...p.challenge, parameters: { ...p.challenge.parameters, data } },
    })),
  fc.constant((p: Proof) => ({
    ...p,
    challenge: { ...p.challenge, parameters: { ...p.challenge.parameters, cost: 1 } },
  })),
]

describe('the join’s proof check', () => {
  it('agrees with altcha-lib’s verifySolution on a solved proof and on any tampering of it (property)', async () => {
    const proof = await solved()
    expect(solvedAsSigned(proof.challenge, proof.solution, secrets)).toBe(true)
    let refused = 0
    await fc.assert(
      fc.asyncProperty(fc.oneof(...tamperings), async (tamper) => {
        const p = tamper(structuredClone(proof))
        const ours = solvedAsSigned(p.challenge, p.solution, secrets)
        const theirs = (await verifySolution({ ...p, deriveKey, ...secrets })).verified
        if (!ours) refused++
        expect(ours).toBe(theirs)
      }),
      { numRuns: 300 },
    )
    expect(refused).toBeGreaterThan(200)
    // Another server's secrets sign differently.
    const other = { hmacSignatureSecret: 'another-signature-secret', hmacKeySignatureSecret: 'another-key-secret' }
    expect(solvedAsSigned(proof.challenge, proof.solution, other)).toBe(false)
  })
})
