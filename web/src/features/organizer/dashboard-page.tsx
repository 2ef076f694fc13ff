// A live dashboard for one event: waiting, processed per second, seats left per grade, sold and revenue.
// Polls the queue stats and the event every few seconds — a handful of organizers, not the fans' hot path.
import { Link, useParams } from 'react-router'
import { api } from '../../api/client.ts'
import type { EventDetail, QueueStats } from '../../api/types.ts'
import { useQuery } from '../../app/query.ts'
import { ErrorState, Loading } from '../../app/states.tsx'
import { formatDateTime, formatNumber, formatPrice } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'
import { usePaidTotals } from './paid-revenue.ts'

const EVERY_MS = 3000

export default function DashboardPage() {
  const { id = '' } = useParams()
  const { t, lang } = useI18n()
  const paid = usePaidTotals(id)
  const [live, reload] = useQuery(
    `/api/events/${id} dashboard`,
    async (signal) => {
      const [event, stats] = await Promise.all([
        api<EventDetail>(`/api/events/${id}`, { signal }),
        api<QueueStats>(`/api/events/${id}/queue/stats`, { signal }).catch(() => null),
      ])
      return { event, stats }
    },
    { refreshMs: EVERY_MS },
  )

  if (live.state === 'error') return <ErrorState error={live.error} onRetry={reload} />
  if (live.state !== 'ready') return <Loading />
  const { event, stats } = live.data
  const updated = new Date(live.at)
  const error = live.error
  const sold = event.grades.reduce((n, g) => n + (g.capacity - g.remaining), 0)
  const revenue = event.grades.reduce((n, g) => n + (g.capacity - g.remaining) * g.price, 0)
  return (
    <div className="page">
      <h1>{event.title}</h1>
      <p className="muted">
        {formatDateTime(event.startsAt, lang)} · <Link to={`/events/${event.id}`}>{t('org.public_page')}</Link> ·{' '}
        <Link to={`/organizer/events/${event.id}/edit`}>{t('org.edit')}</Link>
      </p>
      <div className="stats" aria-live="polite">
        <Stat label={t('dash.waiting')} value={stats ? formatNumber(stats.waiting) : '–'} id="waiting" />
        <Stat
          label={t('dash.rate')}
          value={stats ? formatNumber(Math.round(stats.processedPerSecond)) : '–'}
          id="rate"
        />
        <Stat
          label={t('dash.served')}
          value={stats ? `${formatNumber(stats.servedUpTo)} / ${formatNumber(stats.lastNumber)}` : '–'}
          id="served"
        />
        <Stat label={t('dash.sold')} value={formatNumber(sold)} id="sold" />
        <Stat label={t('dash.revenue')} value={formatPrice(revenue)} id="revenue" />
        <Stat
          label={t('dash.paid')}
          value={paid ? `${formatNumber(paid.paidCount)}${paid.partial ? '+' : ''}` : '–'}
          id="paid-count"
        />
        <Stat
          label={t('dash.paid_revenue')}
          value={paid ? `${formatPrice(paid.paidAmount)}${paid.partial ? '+' : ''}` : '–'}
          id="paid-revenue"
        />
      </div>
      <table className="table">
        <caption>{t('dash.grades')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('org.grade_name')}</th>
            <th scope="col">{t('org.grade_price')}</th>
            <th scope="col">{t('dash.left')}</th>
            <th scope="col">{t('dash.sold')}</th>
          </tr>
        </thead>
        <tbody>
          {event.grades.map((g) => (
            <tr key={g.id}>
              <th scope="row">{g.name}</th>
              <td>{formatPrice(g.price)}</td>
              <td>
                {formatNumber(g.remaining)} / {formatNumber(g.capacity)}
                <div className="meter" aria-hidden="true">
                  <div style={{ width: `${g.capacity ? ((g.capacity - g.remaining) / g.capacity) * 100 : 0}%` }} />
                </div>
              </td>
              <td>{formatNumber(g.capacity - g.remaining)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {t('dash.note')} {t('dash.updated', { time: updated.toLocaleTimeString(lang === 'ko' ? 'ko-KR' : 'en-GB') })}
      </p>
      {error !== undefined && <ErrorState error={error} />}
    </div>
  )
}

function Stat({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div className="stat" data-testid={`stat-${id}`}>
      <span className="stat-label">{label}</span>
      <strong className="stat-value">{value}</strong>
    </div>
  )
}
