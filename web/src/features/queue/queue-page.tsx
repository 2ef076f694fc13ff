// The queue page — what every phone loads at the sale's opening, so it stays small: no imports beyond the shell's.
// State comes from /queue/me once, then only from the SSE stream (pushed by the server; no polling). A reload or a
// dropped network resumes from /queue/me and the stream.
import { useEffect, useRef, useState } from 'react'
import { Link, useParams } from 'react-router'
import { api, isApiError } from '../../api/client.ts'
import { openSse } from '../../api/sse.ts'
import type { Booking, EventDetail, QueueEntry, QueuePosition } from '../../api/types.ts'
import { Countdown } from '../../app/countdown.tsx'
import { ErrorState, errorMessage, Loading } from '../../app/states.tsx'
import { formatEta, formatNumber, formatPrice } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'

type View =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'error'; error: unknown }
  | { state: 'entry'; entry: QueueEntry }

/** `position` counts the places ahead plus one (0 once processed); the UI shows the people ahead. */
const aheadOf = (entry: { position: number }) => Math.max(0, entry.position - 1)

/** The most people ever ahead of this entry, kept across reloads, is the progress bar's 0%. */
function startOf(eventId: string, entry: { number: number; position: number }): number {
  const key = `tt.queue.${eventId}.${entry.number}`
  const seen = Number(sessionStorage.getItem(key) ?? 0)
  const start = Math.max(seen, aheadOf(entry), 1)
  if (start !== seen) sessionStorage.setItem(key, String(start))
  return start
}

export default function QueuePage() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const [view, setView] = useState<View>({ state: 'loading' })
  const [live, setLive] = useState(true)
  // The server ended this tab's stream because newer tabs watch the same place: it stays quiet until asked.
  const [superseded, setSuperseded] = useState(false)
  const [title, setTitle] = useState(() => sessionStorage.getItem(`tt.title.${id}`) ?? '')
  const [attempt, setAttempt] = useState(0)
  const stopStream = useRef(() => {})

  // Only a fan who came by a link (not from the event page) costs the API this extra read.
  useEffect(() => {
    if (sessionStorage.getItem(`tt.title.${id}`)) return
    api<EventDetail>(`/api/events/${id}`).then(
      (e) => setTitle(e.title),
      () => undefined,
    )
  }, [id])

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt re-runs the whole resume on "retry".
  useEffect(() => {
    let stop = () => {}
    let cancelled = false
    api<QueueEntry>(`/api/events/${id}/queue/me`).then(
      (entry) => {
        if (cancelled) return
        setView({ state: 'entry', entry })
        if (entry.status !== 'waiting') return
        stopStream.current = stop = openSse(`/api/events/${id}/queue/stream`, {
          onState: (s) => setLive(s === 'live'),
          onFatal: () => setView({ state: 'none' }),
          onEvent: (name, data) => {
            if (name === 'position') {
              const p = data as QueuePosition
              // Never show the place going back, even if a reconnect lands on a process that lags a little.
              setView((v) =>
                v.state === 'entry'
                  ? { state: 'entry', entry: { ...v.entry, ...p, position: Math.min(v.entry.position, p.position) } }
                  : v,
              )
            } else if (name === 'result') {
              setView({ state: 'entry', entry: data as QueueEntry })
              stop()
            } else if (name === 'superseded') {
              stop()
              setSuperseded(true)
            }
          },
        })
      },
      (error) =>
        !cancelled &&
        setView(isApiError(error) && error.status === 404 ? { state: 'none' } : { state: 'error', error }),
    )
    return () => {
      cancelled = true
      stop()
    }
  }, [id, attempt])

  return (
    <div className="page queue">
      <h1>{title ? t('queue.title_for', { title }) : t('queue.title')}</h1>
      {view.state === 'loading' && <Loading />}
      {view.state === 'error' && <ErrorState error={view.error} onRetry={() => setAttempt((n) => n + 1)} />}
      {view.state === 'none' && (
        <p className="state">
          {t('queue.none')} <Link to={`/events/${id}`}>{t('queue.back_to_event')}</Link>
        </p>
      )}
      {view.state === 'entry' && (
        <EntryView
          eventId={id}
          entry={view.entry}
          live={live}
          superseded={superseded}
          onResume={() => {
            setSuperseded(false)
            setAttempt((n) => n + 1)
          }}
          onChange={(entry) => {
            // Left (or otherwise done): the stream has nothing more to say.
            if (entry.status !== 'waiting') stopStream.current()
            setView({ state: 'entry', entry })
          }}
          onStale={() => setAttempt((n) => n + 1)}
        />
      )}
    </div>
  )
}

function EntryView(props: {
  eventId: string
  entry: QueueEntry
  live: boolean
  superseded: boolean
  onResume(): void
  onChange(entry: QueueEntry): void
  onStale(): void
}) {
  const { entry, eventId } = props
  const { t, lang } = useI18n()
  const [leaving, setLeaving] = useState(false)
  const [error, setError] = useState<unknown>(null)

  if (entry.status === 'succeeded') return <Success entry={entry} />
  if (entry.status === 'failed') {
    const reason = entry.result && 'reason' in entry.result ? entry.result.reason : 'sold_out'
    return (
      <div className="result failed" role="alert">
        <h2>{t('queue.failed')}</h2>
        <p>{t(`queue.reason.${reason}`)}</p>
        <Link className="button secondary" to={`/events/${eventId}`}>
          {t('queue.back_to_event')}
        </Link>
      </div>
    )
  }
  if (entry.status === 'left')
    return (
      <div className="result">
        <h2>{t('queue.left')}</h2>
        <Link className="button secondary" to={`/events/${eventId}`}>
          {t('queue.back_to_event')}
        </Link>
      </div>
    )

  const start = startOf(eventId, entry)
  const ahead = aheadOf(entry)
  const done = Math.min(1, Math.max(0, 1 - ahead / start))
  const leave = async () => {
    setLeaving(true)
    setError(null)
    try {
      props.onChange(await api<QueueEntry>(`/api/events/${eventId}/queue/me`, { method: 'DELETE' }))
    } catch (e) {
      setLeaving(false)
      // Processed meanwhile: show the result instead.
      if (isApiError(e, 'queue.already_processed')) props.onStale()
      else setError(e)
    }
  }
  return (
    <div className="waiting">
      <p className="queue-number">
        {t('queue.your_number')} <strong>{formatNumber(entry.number)}</strong>
      </p>
      <div className="queue-ahead" aria-live="polite">
        <span>{t('queue.ahead')}</span>
        <strong data-testid="ahead">{formatNumber(ahead)}</strong>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('queue.progress')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(done * 100)}
      >
        <div className="progress-fill" style={{ width: `${done * 100}%` }} />
      </div>
      <p className="muted">
        {t('queue.eta')} {formatEta(entry.etaSeconds, lang)}
      </p>
      {props.superseded ? (
        <p className="live off" role="status">
          {t('queue.superseded')}{' '}
          <button type="button" className="linklike" onClick={props.onResume}>
            {t('queue.resume_here')}
          </button>
        </p>
      ) : (
        <p className={`live ${props.live ? 'on' : 'off'}`} role="status">
          {props.live ? t('queue.live') : t('queue.reconnecting')}
        </p>
      )}
      <p className="muted small">{t('queue.keep_open')}</p>
      {error !== null && (
        <p className="error-text" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
      <button type="button" className="button secondary wide" onClick={leave} disabled={leaving}>
        {t('queue.leave')}
      </button>
    </div>
  )
}

function Success({ entry }: { entry: QueueEntry }) {
  const { t } = useI18n()
  const bookingId = entry.result && 'bookingId' in entry.result ? entry.result.bookingId : ''
  const [booking, setBooking] = useState<Booking | null>(null)
  useEffect(() => {
    if (bookingId) api<Booking>(`/api/bookings/${bookingId}`).then(setBooking, () => undefined)
  }, [bookingId])
  return (
    <div className="result success" role="alert">
      <h2>{t('queue.succeeded')}</h2>
      {booking && (
        <>
          <p>
            {t('event.tickets', { n: booking.quantity })} · <strong>{formatPrice(booking.amount)}</strong>
          </p>
          <p>
            {t('queue.pay_within')} <Countdown to={booking.payBy} />
          </p>
        </>
      )}
      <Link className="button wide" to={`/bookings/${bookingId}`}>
        {t('queue.pay_now')}
      </Link>
    </div>
  )
}
