// Search results with filters (category, city, dates). The URL holds the query, so results can be shared and
// survive a reload; "more" follows the cursor.
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../../api/client.ts'
import { CATEGORIES, type EventSummary, type Page } from '../../api/types.ts'
import { useQuery } from '../../app/query.ts'
import { Empty, ErrorState, errorMessage, Loading } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { EventGrid } from './event-card.tsx'
import { SearchBox } from './search-box.tsx'

interface More {
  /** The first page's path these follow. */
  path: string
  items: EventSummary[]
  cursor: string | null
  loading: boolean
  /** Why the last "more" failed; the button stays to try again. */
  error?: unknown
}

const FILTERS = ['q', 'category', 'city', 'from', 'to'] as const

function queryString(params: URLSearchParams, cursor?: string) {
  const out = new URLSearchParams()
  for (const key of FILTERS) {
    const v = params.get(key)
    if (!v) continue
    // Dates are Seoul calendar days: from its first to (for "to") its last moment.
    if (key === 'from') out.set(key, `${v}T00:00:00+09:00`)
    else if (key === 'to') out.set(key, `${v}T23:59:59+09:00`)
    else out.set(key, v)
  }
  out.set('limit', '20')
  if (cursor) out.set('cursor', cursor)
  return out.toString()
}

export default function SearchPage() {
  const { t } = useI18n()
  const [params, setParams] = useSearchParams()
  const path = `/api/events?${queryString(params)}`
  const [page, reload] = useQuery(path, (signal) => api<Page<EventSummary>>(path, { auth: false, signal }))
  // The pages after the first, for this search only: another search starts again from its first page.
  const [later, setLater] = useState<More | null>(null)
  const more: More | null =
    later?.path === path
      ? later
      : page.state === 'ready'
        ? { path, items: [], cursor: page.data.nextCursor, loading: false }
        : null

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params)
    if (value) next.set(name, value)
    else next.delete(name)
    setParams(next, { replace: true })
  }

  const loadMore = async () => {
    if (!more?.cursor) return
    setLater({ ...more, loading: true, error: undefined })
    try {
      const result = await api<Page<EventSummary>>(`/api/events?${queryString(params, more.cursor)}`, { auth: false })
      setLater((m) =>
        m?.path === path
          ? { path, items: [...m.items, ...result.items], cursor: result.nextCursor, loading: false }
          : m,
      )
    } catch (error) {
      setLater((m) => (m?.path === path ? { ...m, loading: false, error } : m))
    }
  }

  const q = params.get('q') ?? ''
  return (
    <div className="page">
      <h1>{q ? t('search.results_for', { q }) : t('search.title')}</h1>
      <SearchBox key={q} initial={q} />
      <fieldset className="filters">
        <legend className="sr-only">{t('search.filters')}</legend>
        <label>
          {t('search.category')}
          <select value={params.get('category') ?? ''} onChange={(e) => setFilter('category', e.target.value)}>
            <option value="">{t('search.any')}</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('search.city')}
          <input
            defaultValue={params.get('city') ?? ''}
            placeholder={t('search.city_placeholder')}
            onBlur={(e) => setFilter('city', e.target.value.trim())}
            onKeyDown={(e) => e.key === 'Enter' && setFilter('city', e.currentTarget.value.trim())}
          />
        </label>
        <label>
          {t('search.from')}
          <input type="date" value={params.get('from') ?? ''} onChange={(e) => setFilter('from', e.target.value)} />
        </label>
        <label>
          {t('search.to')}
          <input type="date" value={params.get('to') ?? ''} onChange={(e) => setFilter('to', e.target.value)} />
        </label>
      </fieldset>
      {page.state === 'loading' && <Loading />}
      {page.state === 'error' && <ErrorState error={page.error} onRetry={reload} />}
      {page.state === 'ready' &&
        (page.data.items.length === 0 ? (
          <Empty>{t('search.none')}</Empty>
        ) : (
          <>
            <EventGrid events={[...page.data.items, ...(more?.items ?? [])]} />
            {more?.error !== undefined && (
              <p className="error-text" role="alert">
                {errorMessage(more.error, t)}
              </p>
            )}
            {more?.cursor && (
              <button type="button" className="button secondary wide" disabled={more.loading} onClick={loadMore}>
                {more.loading ? t('common.loading') : t('search.more')}
              </button>
            )}
          </>
        ))}
    </div>
  )
}
