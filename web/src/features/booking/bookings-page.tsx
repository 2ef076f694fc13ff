// My bookings: every booking with its status and deadline; the unpaid ones link to paying.
import { Link } from 'react-router'
import { api } from '../../api/client.ts'
import type { Booking, Page } from '../../api/types.ts'
import { useQuery } from '../../app/query.ts'
import { Empty, ErrorState, Loading } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { BookingSummary, eventsFor } from './booking-view.tsx'

export default function BookingsPage() {
  const { t } = useI18n()
  const [data, reload] = useQuery('/api/bookings', async (signal) => {
    const page = await api<Page<Booking> | Booking[]>('/api/bookings', { signal })
    const items = Array.isArray(page) ? page : page.items
    return { items, events: await eventsFor(items, signal) }
  })
  return (
    <div className="page">
      <h1>{t('booking.title')}</h1>
      {data.state === 'loading' && <Loading />}
      {data.state === 'error' && <ErrorState error={data.error} onRetry={reload} />}
      {data.state === 'ready' &&
        (data.data.items.length === 0 ? (
          <Empty>
            {t('booking.none')} <Link to="/search">{t('nav.search')}</Link>
          </Empty>
        ) : (
          <ul className="bookings">
            {data.data.items.map((b) => (
              <li key={b.id} className="card booking" data-status={b.status}>
                <BookingSummary booking={b} event={data.data.events.get(b.eventId)} />
                <Link className="button secondary" to={`/bookings/${b.id}`}>
                  {b.status === 'pending_payment' ? t('booking.pay') : t('booking.details')}
                </Link>
              </li>
            ))}
          </ul>
        ))}
    </div>
  )
}
