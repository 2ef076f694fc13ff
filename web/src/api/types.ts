// The API's shapes as the web app reads them, every one taken from the types generated from the server's
// /openapi.json (openapi.d.ts, `npm run api:types -w web`): a server change that breaks the web fails `npm run check`.
import type { paths } from './openapi.d.ts'

type Method = 'get' | 'post' | 'patch' | 'delete'
/** The JSON body of a route's answer with status S. */
type Answer<P extends keyof paths, M extends Method, S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } }
}
  ? T
  : never

export type User = Answer<'/api/me', 'get'>
export type Role = User['role']
export type Session = Answer<'/api/auth/login', 'post'>
export type Tokens = Answer<'/api/auth/refresh', 'post'>

export type EventSummary = Answer<'/api/events', 'get'>['items'][number]
export type EventDetail = Answer<'/api/events/{id}', 'get'>
export type Category = EventSummary['category']
export type EventStatus = EventSummary['status']
export type Grade = EventDetail['grades'][number]
export type PaymentDeadline = EventDetail['paymentDeadline']

/** Every category, in the order the web shows them; the compiler holds it to the API's list. */
export const CATEGORIES = [
  'concert',
  'musical',
  'play',
  'classical',
  'festival',
  'exhibition',
  'sports',
  'other',
] as const satisfies readonly Category[]
type MissingCategory = Exclude<Category, (typeof CATEGORIES)[number]>
export const everyCategoryListed: [MissingCategory] extends [never] ? true : MissingCategory = true

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export type QueueEntry = Answer<'/api/events/{id}/queue/me', 'get'>
export type QueueStatus = QueueEntry['status']
export type FailureReason = Extract<NonNullable<QueueEntry['result']>, { reason: unknown }>['reason']
/** The stream's `position` event (Server-Sent Events are outside OpenAPI; the fields are the entry's). */
export type QueuePosition = Pick<QueueEntry, 'number' | 'position' | 'servedUpTo' | 'etaSeconds'>
export type QueueStats = Answer<'/api/events/{id}/queue/stats', 'get'>
export type Draw = Answer<'/api/events/{id}/draw', 'get'>

export type Booking = Answer<'/api/bookings/{id}', 'get'>
export type BookingStatus = Booking['status']
export type PaymentStart = Answer<'/api/bookings/{id}/payments', 'post', 201>
export type Media = Answer<'/api/media', 'post', 201>
