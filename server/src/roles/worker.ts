// The worker role: runs every module's jobs at once and then on their intervals; stop() lets the running ones finish.
import type { Logger } from 'pino'
import type { Job } from '../kernel/jobs.ts'

export function startWorker(jobs: Job[], logger: Logger) {
  const controller = new AbortController()
  const running = new Set<Promise<void>>()
  const timers = jobs.map((job) => {
    let busy = false
    const tick = () => {
      if (busy || controller.signal.aborted) return
      busy = true
      const run = job
        .run(controller.signal)
        .catch((err) => logger.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          busy = false
          running.delete(run)
        })
      running.add(run)
    }
    // At once, so that a restarted worker resumes its events without waiting out an interval.
    tick()
    return setInterval(tick, job.intervalMs)
  })
  logger.info({ jobs: jobs.map((j) => j.name) }, 'worker started')
  return {
    async stop() {
      controller.abort()
      for (const t of timers) clearInterval(t)
      await Promise.allSettled([...running])
    },
  }
}
