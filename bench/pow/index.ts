// `npm run bench -- pow [--proofs N] [--cost C]`: what the door's proof-of-work costs. The server side is the check
// a join makes (decode, binding, expiry, altcha-lib's verifySolution on the signed key: two HMACs), per proof, beside
// the access-token check every join already makes (the baseline, same run). The fan's side is solving challenges of
// the given cost with altcha-lib's solver on one Node thread (WebCrypto PBKDF2, as a browser's worker uses).
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { solveChallenge } from 'altcha-lib'
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2'
import { createInProcessHotPath } from '../../server/src/adapters/hot-path/in-process.ts'
import { systemClock } from '../../server/src/kernel/clock.ts'
import { createAccessTokens } from '../../server/src/modules/auth/auth.tokens.ts'
import { createEntryChallenges } from '../../server/src/modules/queue/queue.challenge.ts'

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
const fmt = (n: number) => n.toLocaleString('en', { maximumFractionDigits: n < 10 ? 1 : 0 })

export async function run(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: { proofs: { type: 'string', default: '2000' }, cost: { type: 'string', default: '2000' } },
  })
  const proofs = Number(values.proofs)
  const cost = Number(values.cost)
  const challenges = createEntryChallenges({
    secret: 'bench-secret-0123456789abcdef',
    keySecret: 'bench-key-secret-0123456789abcdef',
    clock: systemClock,
    hotPath: createInProcessHotPath(systemClock),
  })

  // The fan's side: a few real solves at the organizer's cost.
  const solveMs: number[] = []
  for (let i = 0; i < 5; i++) {
    const challenge = await challenges.issue('fan', 'event', cost)
    const started = performance.now()
    const solution = await solveChallenge({ challenge, deriveKey })
    solveMs.push(performance.now() - started)
    if (!solution) throw new Error('not solved')
  }

  // The server's side: many proofs (solved at cost 1, since checking does not depend on the cost).
  const payloads: { user: string; proof: string }[] = []
  for (let i = 0; i < proofs; i++) {
    const user = `fan-${i}`
    const challenge = await challenges.issue(user, 'event', 1)
    const solution = await solveChallenge({ challenge, deriveKey })
    payloads.push({ user, proof: Buffer.from(JSON.stringify({ challenge, solution })).toString('base64') })
  }
  const tokens = createAccessTokens('bench-jwt-secret-0123456789abcdef0123')
  const now = Math.floor(Date.now() / 1000)
  const signed = await Promise.all(payloads.map((p) => tokens.sign({ userId: p.user, role: 'user' }, now)))

  const time = async (each: (i: number) => unknown) => {
    const us: number[] = []
    const cpuStart = process.cpuUsage()
    const wallStart = performance.now()
    for (let i = 0; i < proofs; i++) {
      const t = performance.now()
      await each(i)
      us.push((performance.now() - t) * 1000)
    }
    const cpu = process.cpuUsage(cpuStart)
    us.sort((a, b) => a - b)
    return {
      p50: quantile(us, 0.5),
      p99: quantile(us, 0.99),
      cpuUs: (cpu.user + cpu.system) / proofs,
      wallMs: performance.now() - wallStart,
    }
  }
  // Warm both paths, then measure.
  for (let i = 0; i < 200; i++) tokens.verify(signed[i % proofs]!, now)
  const baseline = await time((i) => tokens.verify(signed[i]!, now))
  const check = await time((i) => challenges.check(payloads[i]!.user, 'event', payloads[i]!.proof))

  solveMs.sort((a, b) => a - b)
  const lines = [
    `pow · ${proofs} proofs · cost ${cost} (PBKDF2/SHA-256, 1,000 iterations a key) · Node ${process.version} · ${new Date().toISOString()}`,
    '| measure | value |',
    '|---|---|',
    `| baseline: access-token check per join | p50 ${fmt(baseline.p50)} µs, p99 ${fmt(baseline.p99)} µs · CPU ${fmt(baseline.cpuUs)} µs |`,
    `| proof check per join (decode, binding, expiry, the two HMACs, reuse) | p50 ${fmt(check.p50)} µs, p99 ${fmt(check.p99)} µs · CPU ${fmt(check.cpuUs)} µs |`,
    `| proof check ÷ token check (CPU) | ${fmt(check.cpuUs / baseline.cpuUs)}× |`,
    `| fan: solving one challenge of cost ${cost}, one Node thread | median ${fmt(quantile(solveMs, 0.5))} ms (${solveMs.map((m) => fmt(m)).join(', ')}) |`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
}
