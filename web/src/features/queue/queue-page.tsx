// The queue page — what every phone loads at the sale's opening, so it stays small: no imports beyond the shell's.
// State comes from /queue/me once, then only from the SSE stream (pushed by the server; no polling). A reload or a
// dropped network resumes from /queue/me and the stream.
import { useEffect, useRef, useState } from 'react'
import { Link, useLocation, useParams } from 'react-router'
import { api, isApiError } from '../../api/client.ts'
import { openSse } from '../../api/sse.ts'
import type { Booking, Draw, EventDetail, QueueEntry, QueuePosition } from '../../api/types.ts'
import { Countdown, useNow } from '../../app/countdown.tsx'
import { useQuery } from '../../app/query.ts'
import { ErrorState, errorMessage, Loading } from '../../app/states.tsx'
import { formatEta, formatNumber, formatPrice } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'

/** What the event page hands this page in the router's state (the browser keeps it across a reload). */
export interface QueueArrival {
  title: string
}

type View =
  | { state: 'loading' }
  | { state: 'none' }
  | { state: 'error'; error: unknown }
  | { state: 'entry'; entry: QueueEntry }

/** `position` counts the places ahead plus one (0 once processed); the UI shows the people ahead. */
const aheadOf = (entry: { position: number }) => Math.max(0, entry.position - 1)

/** The most people ever ahead of this entry, kept across reloads, is the progress bar's 0%. */
function useProgressStart(eventId: string, entry: { number: number; position: number }): number {
  const key = `tt.queue.${eventId}.${entry.number}`
  const start = Math.max(Number(sessionStorage.getItem(key) ?? 0), aheadOf(entry), 1)
  useEffect(() => {
    if (start > Number(sessionStorage.getItem(key) ?? 0)) sessionStorage.setItem(key, String(start))
  }, [key, start])
  return start
}

export default function QueuePage() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const arrival = useLocation().state as Partial<QueueArrival> | null
  // Only a fan who came by a link (not from the event page) costs the API this extra read.
  const path = arrival?.title ? null : `/api/events/${id}`
  const [event] = useQuery(path, (signal) => api<EventDetail>(path ?? '', { signal }))
  const title = arrival?.title ?? (event.state === 'ready' ? event.data.title : '')
  // Each attempt watches afresh: a retry, "resume here" after another tab took over, or an entry found stale.
  const [attempt, setAttempt] = useState(0)
  return (
    <div className="page queue">
      <h1>{title ? t('queue.title_for', { title }) : t('queue.title')}</h1>
      <Watch key={`${id} ${attempt}`} eventId={id} onRestart={() => setAttempt((n) => n + 1)} />
    </div>
  )
}

/** One watch of this fan's place: /queue/me, then the stream while waiting. */
function Watch({ eventId, onRestart }: { eventId: string; onRestart(): void }) {
  const { t } = useI18n()
  const [view, setView] = useState<View>({ state: 'loading' })
  const [live, setLive] = useState(true)
  // The server ended this tab's stream because newer tabs watch the same place: it stays quiet until asked.
  const [superseded, setSuperseded] = useState(false)
  const stopStream = useRef(() => {})

  useEffect(() => {
    let stop = () => {}
    let cancelled = false
    let drawTimer: ReturnType<typeof setTimeout> | undefined
    const watch = () => {
      stopStream.current = stop = openSse(`/api/events/${eventId}/queue/stream`, {
        onState: (s) => setLive(s === 'live'),
        onFatal: () => setView({ state: 'none' }),
        onEvent: (name, data) => {
          if (name === 'position') {
            const p = data as QueuePosition
            // Never show the place going back, even if a reconnect lands on a process that lags a little; the
            // first position after the draw is the drawn number.
            setView((v) =>
              v.state === 'entry'
                ? {
                    state: 'entry',
                    entry: {
                      ...v.entry,
                      ...p,
                      status: 'waiting',
                      position: v.entry.status === 'registered' ? p.position : Math.min(v.entry.position, p.position),
                    },
                  }
                : v,
            )
          } else if (name === 'result' || name === 'registered') {
            setView({ state: 'entry', entry: data as QueueEntry })
            if (name === 'result') stop()
          } else if (name === 'superseded') {
            stop()
            setSuperseded(true)
          }
        },
      })
    }
    api<QueueEntry>(`/api/events/${eventId}/queue/me`).then(
      async (entry) => {
        if (cancelled) return
        setView({ state: 'entry', entry })
        if (entry.status === 'waiting') return watch()
        if (entry.status !== 'registered') return
        // Registered for the draw: nothing moves until the opening, so the stream opens only then (spread over a
        // second or two, so a whole pre-queue does not connect in one instant); the server holds it until the
        // numbers are out. A page that cannot read the draw's time watches at once.
        const drawAt = await api<Draw>(`/api/events/${eventId}/draw`).then(
          (d) => new Date(d.drawAt).getTime(),
          () => 0,
        )
        if (cancelled) return
        drawTimer = setTimeout(watch, Math.max(0, drawAt - Date.now()) + Math.random() * 2000)
      },
      (error) =>
        !cancelled &&
        setView(isApiError(error) && error.status === 404 ? { state: 'none' } : { state: 'error', error }),
    )
    return () => {
      cancelled = true
      clearTimeout(drawTimer)
      stop()
    }
  }, [eventId])

  if (view.state === 'loading') return <Loading />
  if (view.state === 'error') return <ErrorState error={view.error} onRetry={onRestart} />
  if (view.state === 'none')
    return (
      <p className="state">
        {t('queue.none')} <Link to={`/events/${eventId}`}>{t('queue.back_to_event')}</Link>
      </p>
    )
  return (
    <EntryView
      eventId={eventId}
      entry={view.entry}
      live={live}
      superseded={superseded}
      onResume={onRestart}
      onChange={(entry) => {
        // Left (or otherwise done): the stream has nothing more to say.
        if (entry.status !== 'waiting' && entry.status !== 'registered') stopStream.current()
        setView({ state: 'entry', entry })
      }}
      onStale={onRestart}
    />
  )
}

interface EntryProps {
  eventId: string
  entry: QueueEntry
  live: boolean
  superseded: boolean
  onResume(): void
  onChange(entry: QueueEntry): void
  onStale(): void
}

function EntryView(props: EntryProps) {
  const { entry, eventId } = props
  const { t } = useI18n()

  if (entry.status === 'succeeded') return <Success entry={entry} />
  if (entry.status === 'failed') {
    const reason = entry.result && 'reason' in entry.result ? entry.result.reason : 'sold_out'
    return (
      <div className="result failed" role="alert">
        <h2>{t('queue.failed')}</h2>
        <p>{t(`queue.reason.${reason}`)}</p>
        {reason === 'sold_out' && <p className="muted">{t('queue.rejoin_hint')}</p>}
        <Link className="button secondary" to={`/events/${eventId}`}>
          {reason === 'sold_out' ? t('queue.rejoin') : t('queue.back_to_event')}
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

  if (entry.status === 'registered') return <Registered {...props} />
  return <Waiting {...props} />
}

/** Leaving the queue (or the pre-queue): the server's answer replaces the entry. */
function useLeave(props: EntryProps) {
  const [leaving, setLeaving] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const leave = async () => {
    setLeaving(true)
    setError(null)
    try {
      props.onChange(await api<QueueEntry>(`/api/events/${props.eventId}/queue/me`, { method: 'DELETE' }))
    } catch (e) {
      setLeaving(false)
      // Processed meanwhile: show the result instead.
      if (isApiError(e, 'queue.already_processed')) props.onStale()
      else setError(e)
    }
  }
  return { leave, leaving, error }
}

/** Leaving, and why it failed when it did. */
function LeaveButton({ leave, leaving, error }: ReturnType<typeof useLeave>) {
  const { t } = useI18n()
  return (
    <>
      {error !== null && (
        <p className="error-text" role="alert">
          {errorMessage(error, t)}
        </p>
      )}
      <button type="button" className="button secondary wide" onClick={leave} disabled={leaving}>
        {t('queue.leave')}
      </button>
    </>
  )
}

/** Registered for the opening draw: the countdown to it, the fan's ticket, and how to check the draw. */
function Registered(props: EntryProps) {
  const { entry, eventId } = props
  const { t } = useI18n()
  const leaving = useLeave(props)
  const path = `/api/events/${eventId}/draw`
  const [draw] = useQuery(path, (signal) => api<Draw>(path, { signal }))
  const now = useNow()
  const drawAt = draw.state === 'ready' ? draw.data.drawAt : null
  return (
    <div className="waiting registered">
      <h2 className="queue-number">{t('queue.registered')}</h2>
      <p>{t('queue.registered_explained')}</p>
      {drawAt && (
        <p className="opens big" aria-live="off">
          {new Date(drawAt).getTime() > now ? (
            <>
              {t('event.draw_in')} <Countdown to={drawAt} />
            </>
          ) : (
            <span role="status">{t('queue.drawing')}</span>
          )}
        </p>
      )}
      <p className="muted small">
        {t('queue.draw_ticket')} <code data-testid="draw-ticket">{entry.drawTicket}</code>
      </p>
      {draw.state === 'ready' && <DrawFacts draw={draw.data} />}
      <LeaveButton {...leaving} />
    </div>
  )
}

/** What the draw has published so far, for a fan who wants to check it (docs/DRAW.md). */
function DrawFacts({ draw }: { draw: Draw }) {
  const { t } = useI18n()
  const short = (hex: string | null | undefined) => (hex ? `${hex.slice(0, 16)}…` : '—')
  return (
    <details className="draw-facts">
      <summary>{t('queue.draw_proof')}</summary>
      <p className="muted small">{t('queue.draw_proof_explained')}</p>
      <dl>
        <dt>{t('queue.draw.secret_hash')}</dt>
        <dd>
          <code>{short(draw.secretHash)}</code>
        </dd>
        <dt>{t('queue.draw.commitment')}</dt>
        <dd>
          <code>{short(draw.commitment)}</code>
        </dd>
        <dt>{t('queue.draw.beacon')}</dt>
        <dd>{draw.beacon?.round ?? '—'}</dd>
        <dt>{t('queue.draw.seed')}</dt>
        <dd>
          <code>{short(draw.seed)}</code>
        </dd>
      </dl>
      <p className="muted small">
        <a href={`/api/events/${draw.eventId}/draw/list`}>{t('queue.draw.list')}</a>
      </p>
    </details>
  )
}

function Waiting(props: EntryProps) {
  const { entry, eventId } = props
  const { t, lang } = useI18n()
  const leaving = useLeave(props)
  const number = entry.number ?? 0
  const start = useProgressStart(eventId, { number, position: entry.position })
  const ahead = aheadOf(entry)
  const done = Math.min(1, Math.max(0, 1 - ahead / start))
  return (
    <div className="waiting">
      <p className="queue-number">
        {entry.drawTicket ? t('queue.drawn_number') : t('queue.your_number')} <strong>{formatNumber(number)}</strong>
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
      <LeaveButton {...leaving} />
    </div>
  )
}

function Success({ entry }: { entry: QueueEntry }) {
  const { t } = useI18n()
  const bookingId = entry.result && 'bookingId' in entry.result ? entry.result.bookingId : ''
  const path = bookingId ? `/api/bookings/${bookingId}` : null
  const [answer] = useQuery(path, (signal) => api<Booking>(path ?? '', { signal }))
  const booking = answer.state === 'ready' ? answer.data : null
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
