// The organizer's home: their events with status, and links to edit and to each live dashboard.
import { Link } from 'react-router'
import { useQuery } from '../../app/query.ts'
import { Empty, ErrorState, Loading } from '../../app/states.tsx'
import { formatDate } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAuth } from '../account/auth.tsx'
import { StatusBadge } from '../catalog/event-card.tsx'
import { loadMyEvents } from './my-events.ts'

export default function OrganizerPage() {
  const { t, lang } = useI18n()
  const { user } = useAuth()
  const [events, reload] = useQuery(user ? `my events ${user.id}` : null, (signal) => loadMyEvents(signal))
  return (
    <div className="page">
      <h1>{t('org.title_page')}</h1>
      <Link className="button" to="/organizer/events/new">
        {t('org.new_event')}
      </Link>
      {(events.state === 'loading' || events.state === 'idle') && <Loading />}
      {events.state === 'error' && <ErrorState error={events.error} onRetry={reload} />}
      {events.state === 'ready' &&
        (events.data.length === 0 ? (
          <Empty>{t('org.none')}</Empty>
        ) : (
          <ul className="rows">
            {events.data.map((e) => (
              <li key={e.id} className="card padded row">
                <div>
                  <StatusBadge status={e.status} /> <strong>{e.title}</strong>
                  <p className="muted small">
                    {formatDate(e.startsAt, lang)} · {e.venue.name}
                  </p>
                </div>
                <div className="row-actions">
                  <Link to={`/organizer/events/${e.id}`}>{t('org.dashboard')}</Link>
                  <Link to={`/organizer/events/${e.id}/edit`}>{t('org.edit')}</Link>
                </div>
              </li>
            ))}
          </ul>
        ))}
    </div>
  )
}
