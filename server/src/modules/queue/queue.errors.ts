// The queue module's errors.
import { AppError, badRequest, conflict, type ErrorCodeOf, notFound, tokenMissing } from '../../kernel/app-error.ts'

export const entryNotFound = () => notFound('queue.not_found', 'You are not in this queue')
export const unknownGrade = () => badRequest('queue.unknown_grade', 'No such seat grade for this event')
export const overLimit = (limit: number) =>
  badRequest('queue.over_limit', `At most ${limit} tickets per account for this event`, [
    { path: '/quantity', message: `must be at most ${limit}` },
  ])
export const personLimitReached = (held: number, limit: number) =>
  conflict(
    'queue.person_limit',
    `This person already holds ${held} of this event's ${limit} per person, through an account they closed`,
  )
export const barredAfterLapses = () =>
  conflict('queue.barred', 'Your holds for this event lapsed unpaid twice, so this account may not join it again')
export const notOpen = () => conflict('queue.not_open', 'The sale has not opened yet')
export const closed = () => conflict('queue.closed', 'The sale has closed')
export const identityRequired = () =>
  new AppError(
    'queue.identity_required',
    403,
    'This event admits verified people only: complete 본인인증, then refresh the access token',
  )
export const ageRestricted = (minAge: number) =>
  new AppError(
    'queue.age_restricted',
    403,
    `This event admits people aged ${minAge} or over in the year it takes place`,
  )
export const challengeFailed = (why: string) =>
  new AppError('queue.challenge_failed', 403, `The proof-of-work was refused: ${why}. Solve a new challenge`)
export const noChallenge = () => notFound('queue.no_challenge', 'This event asks no proof-of-work to join')
export const alreadyProcessed = () => conflict('queue.already_processed', 'Your place has already been processed')
export const noDraw = () => notFound('draw.none', 'This event has no pre-queue, so no opening draw')
export const notFrozen = () =>
  conflict('draw.not_frozen', 'The list is published when it freezes, at the opening; until then it can still change')
/** The stored list no longer hashes to its published commitment: someone changed it; the draw refuses to go on. */
export const drawInconsistent = (eventId: string) =>
  new AppError('draw.inconsistent', 500, `The registered list of ${eventId} no longer matches its commitment`)
/** EventSource cannot send headers, so the stream alone also takes the token from its URL. */
export const streamTokenMissing = () => tokenMissing('A bearer access token (or ?access_token=) is required')

export type QueueErrorCode = ErrorCodeOf<typeof import('./queue.errors.ts')>
