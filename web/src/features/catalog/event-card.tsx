// A poster card for lists: poster, title, venue, date, lowest price and sale status.
import { Link } from 'react-router'
import type { EventSummary } from '../../api/types.ts'
import { Countdown } from '../../app/countdown.tsx'
import { formatDate, formatPrice } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'

export function Poster(props: { url: string | null; title: string; width?: number; eager?: boolean }) {
  const { url, title, width = 320, eager = false } = props
  if (!url) return <div className="poster placeholder" aria-hidden="true" />
  const sep = url.includes('?') ? '&' : '?'
  // Lists load posters as they scroll into view; the event page's own poster is the first thing seen.
  return (
    <img
      className="poster"
      src={`${url}${sep}w=${width}`}
      alt={title}
      loading={eager ? 'eager' : 'lazy'}
      fetchPriority={eager ? 'high' : 'auto'}
      decoding="async"
    />
  )
}

export function StatusBadge({ status }: { status: EventSummary['status'] }) {
  const { t } = useI18n()
  return <span className={`badge ${status}`}>{t(`status.${status}`)}</span>
}

export function EventCard({ event, countdown }: { event: EventSummary; countdown?: boolean }) {
  const { t, lang } = useI18n()
  return (
    <li className="card">
      <Link to={`/events/${event.id}`} className="card-link">
        <Poster url={event.posterUrl} title={event.title} />
        <div className="card-body">
          <StatusBadge status={event.status} />
          <h3>{event.title}</h3>
          <p className="muted">
            {event.venue.name} · {event.venue.city}
          </p>
          <p className="muted">{formatDate(event.startsAt, lang)}</p>
          {countdown && event.status === 'upcoming' ? (
            <p className="opens">
              {t('event.opens_in')} <Countdown to={event.saleOpensAt} />
            </p>
          ) : (
            <p className="price">{t('event.from_price', { price: formatPrice(event.minPrice) })}</p>
          )}
        </div>
      </Link>
    </li>
  )
}

export function EventGrid({ events, countdown }: { events: EventSummary[]; countdown?: boolean }) {
  return (
    <ul className="grid">
      {events.map((e) => (
        <EventCard key={e.id} event={e} countdown={countdown} />
      ))}
    </ul>
  )
}
