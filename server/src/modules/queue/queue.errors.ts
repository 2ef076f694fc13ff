// The queue module's errors.
import { badRequest, conflict, type ErrorCodeOf, notFound, tokenMissing } from '../../kernel/app-error.ts'

export const entryNotFound = () => notFound('queue.not_found', 'You are not in this queue')
export const unknownGrade = () => badRequest('queue.unknown_grade', 'No such seat grade for this event')
export const overLimit = (limit: number) =>
  badRequest('queue.over_limit', `At most ${limit} tickets per account for this event`, [
    { path: '/quantity', message: `must be at most ${limit}` },
  ])
export const notOpen = () => conflict('queue.not_open', 'The sale has not opened yet')
export const closed = () => conflict('queue.closed', 'The sale has closed')
export const alreadyProcessed = () => conflict('queue.already_processed', 'Your place has already been processed')
/** EventSource cannot send headers, so the stream alone also takes the token from its URL. */
export const streamTokenMissing = () => tokenMissing('A bearer access token (or ?access_token=) is required')

export type QueueErrorCode = ErrorCodeOf<typeof import('./queue.errors.ts')>
