// The door's proof-of-work, solved by the fan's browser while they wait: fetch this account's challenge for the
// event, solve it with altcha-lib in Web Workers (on the main thread where there are none), and hand back the
// payload the join carries as `proof`. Loaded only for events that ask it.
import { api } from '../../api/client.ts'

export async function proveEntry(eventId: string, signal: AbortSignal): Promise<string> {
  const challenge = await api<import('altcha-lib/types').Challenge>(`/api/events/${eventId}/queue/challenge`, {
    signal,
  })
  const altcha = await import('altcha-lib')
  const controller = new AbortController()
  signal.addEventListener('abort', () => controller.abort(), { once: true })
  const solution =
    typeof Worker === 'undefined'
      ? await altcha.solveChallenge({
          challenge,
          controller,
          deriveKey: (await import('altcha-lib/algorithms/web/pbkdf2')).deriveKey,
        })
      : await altcha.solveChallengeWorkers({
          challenge,
          controller,
          concurrency: Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2)),
          createWorker: () => new Worker(new URL('./pow-worker.ts', import.meta.url), { type: 'module' }),
        })
  if (!solution) throw new Error('the proof-of-work was not solved in time')
  return btoa(JSON.stringify({ challenge, solution }))
}
