// What an operator watches during a sale opening: how well joins group-commit, and how fast entries get results.
// Never labelled by event: a busy platform has thousands.
import { Counter, Histogram, type Registry } from 'prom-client'

export type QueueMetrics = ReturnType<typeof createQueueMetrics>

export function createQueueMetrics(registry?: Registry) {
  const registers = registry ? [registry] : []
  return {
    joinBatch: new Histogram({
      name: 'queue_join_batch_size',
      help: 'Joins of one event committed together in one statement (the group commit)',
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2000],
      registers,
    }),
    joinCommit: new Histogram({
      name: 'queue_join_commit_seconds',
      help: 'Time to commit one group of joins, as the API process sees it',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    processed: new Counter({
      name: 'queue_entries_processed_total',
      help: 'Queue entries given their result by the worker, by outcome (succeeded, failed)',
      labelNames: ['outcome'],
      registers,
    }),
    processBatch: new Histogram({
      name: 'queue_process_batch_seconds',
      help: 'Time for one batch of the booking worker (one transaction)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    }),
  }
}
