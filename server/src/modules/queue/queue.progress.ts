// How a queue entry is shown: its place, the event's progress and an ETA from the measured processing rate.
import type { EntryRow, Progress } from './queue.repository.ts'
import type { QueueEntryView } from './queue.schemas.ts'

/** The hot-path channel on which workers announce each committed batch: `{ eventId, servedUpTo, processedPerSecond }`. */
export const PROGRESS_CHANNEL = 'queue.progress'

/**
 * Position counts the places ahead that are not yet processed, plus one: it only falls, because `servedUpTo` only
 * grows. Places of fans who left still count until the worker passes them (an upper bound, never an undercount).
 */
export function positionOf(number: number, servedUpTo: number) {
  return Math.max(1, number - servedUpTo)
}

export function etaOf(position: number, processedPerSecond: number) {
  return processedPerSecond > 0 ? Math.ceil(position / processedPerSecond) : null
}

export function toEntryView(
  entry: EntryRow,
  progress: Pick<Progress, 'servedUpTo' | 'processedPerSecond'>,
): QueueEntryView {
  const waiting = entry.status === 'waiting' && entry.number !== null
  const position = waiting ? positionOf(entry.number!, progress.servedUpTo) : 0
  return {
    eventId: entry.eventId,
    gradeId: entry.gradeId,
    quantity: entry.quantity,
    number: entry.number,
    drawTicket: entry.drawTicket,
    status: entry.status,
    position,
    servedUpTo: progress.servedUpTo,
    etaSeconds: waiting ? etaOf(position, progress.processedPerSecond) : entry.status === 'registered' ? null : 0,
    result:
      entry.status === 'succeeded'
        ? { bookingId: entry.bookingId! }
        : entry.status === 'failed'
          ? { reason: entry.reason! }
          : null,
  }
}
