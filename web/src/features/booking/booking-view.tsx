// One booking's summary: event, grade, quantity, amount, status and the pay-by deadline.
import { Link } from 'react-router'
import { api } from '../../api/client.ts'
import type { Booking, EventDetail } from '../../api/types.ts'
import { Countdown } from '../../app/countdown.tsx'
import { formatDateTime, formatPrice } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'

export function BookingSummary({ booking, event }: { booking: Booking; event?: EventDetail | undefined }) {
  const { t, lang } = useI18n()
  const grade = event?.grades.find((g) => g.id === booking.gradeId)
  return (
    <div className="booking-summary">
      <p>
        <span className={`badge ${booking.status}`}>{t(`booking.status.${booking.status}`)}</span>
      </p>
      <h3>{event ? <Link to={`/events/${event.id}`}>{event.title}</Link> : t('booking.event')}</h3>
      {event && <p className="muted">{formatDateTime(event.startsAt, lang)}</p>}
      <p>
        {grade?.name ?? ''} · {t('event.tickets', { n: booking.quantity })} ·{' '}
        <strong>{formatPrice(booking.amount)}</strong>
      </p>
      {booking.status === 'pending_payment' && (
        <p className="deadline">
          {t('booking.pay_by', { time: formatDateTime(booking.payBy, lang) })} (<Countdown to={booking.payBy} />)
        </p>
      )}
    </div>
  )
}

/** Event details for a set of bookings, fetched once per distinct event. */
export async function eventsFor(bookings: Booking[], signal?: AbortSignal) {
  const ids = [...new Set(bookings.map((b) => b.eventId))]
  const events = await Promise.all(
    ids.map((id) => api<EventDetail>(`/api/events/${id}`, { signal }).catch(() => undefined)),
  )
  return new Map(ids.map((id, i) => [id, events[i]]))
}
