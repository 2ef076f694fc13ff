// The shapes of /shared/API.md that the web app reads.
export type Role = 'user' | 'organizer' | 'staff' | 'admin'
export interface User {
  id: string
  email: string
  name: string
  role: Role
}
export interface Session extends Tokens {
  user: User
}
export interface Tokens {
  accessToken: string
  refreshToken: string
}

export const CATEGORIES = [
  'concert',
  'musical',
  'play',
  'classical',
  'festival',
  'exhibition',
  'sports',
  'other',
] as const
export type Category = (typeof CATEGORIES)[number]
export type EventStatus = 'upcoming' | 'on_sale' | 'sold_out' | 'closed'

export interface EventSummary {
  id: string
  title: string
  category: Category
  performers: string[]
  venue: { name: string; city: string; address?: string }
  startsAt: string
  saleOpensAt: string
  saleClosesAt: string
  posterUrl: string | null
  minPrice: number
  status: EventStatus
}
export interface Grade {
  id: string
  name: string
  price: number
  capacity: number
  remaining: number
}
export interface PaymentDeadline {
  policy: 'end_of_day' | 'minutes'
  minutes?: number
}
export interface EventDetail extends EventSummary {
  description: string
  endsAt: string | null
  perUserLimit: number
  paymentDeadline: PaymentDeadline
  organizerId: string
  posterMediaId?: string | null
  grades: Grade[]
}
export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export type QueueStatus = 'waiting' | 'succeeded' | 'failed' | 'left'
export type FailureReason = 'sold_out' | 'limit_exceeded' | 'sale_closed'
export interface QueueEntry {
  eventId: string
  gradeId: string
  quantity: number
  number: number
  status: QueueStatus
  position: number
  servedUpTo: number
  etaSeconds: number | null
  result: null | { bookingId: string } | { reason: FailureReason }
}
export interface QueuePosition {
  number: number
  position: number
  servedUpTo: number
  etaSeconds: number | null
}
export interface QueueStats {
  waiting: number
  servedUpTo: number
  lastNumber: number
  processedPerSecond: number
}

export type BookingStatus = 'pending_payment' | 'confirmed' | 'cancelled' | 'expired'
export interface Booking {
  id: string
  eventId: string
  gradeId: string
  quantity: number
  amount: number
  status: BookingStatus
  payBy: string
  createdAt: string
  tickets: { id: string; status: string }[]
}
export interface PaymentStart {
  paymentId: string
  amount: number
  provider: string
  checkout: { url?: string; [key: string]: unknown }
}
export interface Media {
  id: string
  url: string
  contentType: string
  width: number
  height: number
  bytes: number
}
