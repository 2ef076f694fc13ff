// Home: search, trending events and the sales opening soonest, with live countdowns.
import { api } from '../../api/client.ts'
import type { EventSummary, Page } from '../../api/types.ts'
import { useQuery } from '../../app/query.ts'
import { Empty, ErrorState, Loading } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { EventGrid } from './event-card.tsx'
import { SearchBox } from './search-box.tsx'

export default function HomePage() {
  const { t } = useI18n()
  const [trending, reloadTrending] = useQuery('/api/events/trending?limit=8', (signal) =>
    api<{ items: EventSummary[] }>('/api/events/trending?limit=8', { auth: false, signal }),
  )
  // The list has no "sort by sale opening" option: take upcoming events and order them by their opening.
  const [soon, reloadSoon] = useQuery('events opening soon', async (signal) => {
    const from = new Date().toISOString()
    const page = await api<Page<EventSummary>>(`/api/events?from=${encodeURIComponent(from)}&limit=50`, {
      auth: false,
      signal,
    })
    return page.items
      .filter((e) => e.status === 'upcoming')
      .sort((a, b) => a.saleOpensAt.localeCompare(b.saleOpensAt))
      .slice(0, 6)
  })

  return (
    <div className="page">
      <section className="hero">
        <h1>{t('home.title')}</h1>
        <p className="muted">{t('home.subtitle')}</p>
        <SearchBox />
      </section>
      <section aria-labelledby="soon-h">
        <h2 id="soon-h">{t('home.opening_soon')}</h2>
        {soon.state === 'loading' && <Loading />}
        {soon.state === 'error' && <ErrorState error={soon.error} onRetry={reloadSoon} />}
        {soon.state === 'ready' &&
          (soon.data.length ? <EventGrid events={soon.data} countdown /> : <Empty>{t('home.none_soon')}</Empty>)}
      </section>
      <section aria-labelledby="trending-h">
        <h2 id="trending-h">{t('home.trending')}</h2>
        {trending.state === 'loading' && <Loading />}
        {trending.state === 'error' && <ErrorState error={trending.error} onRetry={reloadTrending} />}
        {trending.state === 'ready' &&
          (trending.data.items.length ? (
            <EventGrid events={trending.data.items} />
          ) : (
            <Empty>{t('home.none_trending')}</Empty>
          ))}
      </section>
    </div>
  )
}
