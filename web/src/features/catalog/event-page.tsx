// The event page: poster, details, grades with price and seats left, the sale countdown, and booking: pick a grade
// and quantity, join the queue, go to the queue page.
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, api, isApiError } from '../../api/client.ts'
import type { EventDetail, QueueEntry } from '../../api/types.ts'
import { Countdown, useNow } from '../../app/countdown.tsx'
import { useFormAction } from '../../app/form-action.ts'
import { useQuery } from '../../app/query.ts'
import { ErrorState, errorMessage, Loading } from '../../app/states.tsx'
import { formatDateTime, formatPrice } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAuth } from '../account/auth.tsx'
import type { QueueArrival } from '../queue/queue-page.tsx'
import { Poster, StatusBadge } from './event-card.tsx'

export default function EventPage() {
  const { id = '' } = useParams()
  const { t, lang } = useI18n()
  const path = `/api/events/${id}`
  const [event, reload] = useQuery(path, (signal) => api<EventDetail>(path, { signal }))

  if (event.state === 'error') return <ErrorState error={event.error} onRetry={reload} />
  if (event.state !== 'ready') return <Loading />
  const e = event.data
  return (
    <article className="page event">
      <div className="event-head">
        <Poster url={e.posterUrl} title={e.title} width={640} eager />
        <div>
          <StatusBadge status={e.status} />
          <h1>{e.title}</h1>
          <dl className="facts">
            <dt>{t('event.when')}</dt>
            <dd>{formatDateTime(e.startsAt, lang)}</dd>
            <dt>{t('event.where')}</dt>
            <dd>
              {e.venue.name}, {e.venue.city}
              {e.venue.address ? ` (${e.venue.address})` : ''}
            </dd>
            {e.performers.length > 0 && (
              <>
                <dt>{t('event.performers')}</dt>
                <dd>{e.performers.join(', ')}</dd>
              </>
            )}
            <dt>{t('event.category')}</dt>
            <dd>{t(`category.${e.category}`)}</dd>
            <dt>{t('event.sale')}</dt>
            <dd>
              {formatDateTime(e.saleOpensAt, lang)} – {formatDateTime(e.saleClosesAt, lang)}
            </dd>
            {e.requireIdentity && (
              <>
                <dt>{t('event.entry')}</dt>
                <dd>
                  {t('event.identity_required')}
                  {e.minAge !== null && ` · ${t('event.min_age', { n: e.minAge })}`}
                </dd>
              </>
            )}
          </dl>
        </div>
      </div>
      <BookingPanel event={e} onOpened={reload} />
      {e.description && (
        <section>
          <h2>{t('event.about')}</h2>
          <p className="description">{e.description}</p>
        </section>
      )}
    </article>
  )
}

/** A challenge is good for 30 minutes: a fresh proof every 25 keeps one ready for the opening. */
const PROOF_REFRESH_MS = 25 * 60_000

function BookingPanel({ event, onOpened }: { event: EventDetail; onOpened: () => void }) {
  const { t, lang } = useI18n()
  const { user } = useAuth()
  const navigate = useNavigate()
  const now = useNow()
  const available = event.grades.find((g) => g.remaining > 0)
  const [gradeId, setGradeId] = useState(available?.id ?? event.grades[0]?.id ?? '')
  const [quantity, setQuantity] = useState(1)
  const opensIn = new Date(event.saleOpensAt).getTime() - now
  // With a pre-queue, joining opens at preQueueOpensAt, and everyone who joins before the opening is drawn at random.
  const preQueueIn = event.preQueueOpensAt ? new Date(event.preQueueOpensAt).getTime() - now : null
  const inPreQueue = preQueueIn !== null && preQueueIn <= 0 && opensIn > 0
  const joinIn = preQueueIn !== null && opensIn > 0 ? preQueueIn : opensIn
  const closed = new Date(event.saleClosesAt).getTime() <= now
  const grade = event.grades.find((g) => g.id === gradeId)
  const max = Math.max(1, Math.min(event.perUserLimit, grade?.remaining ?? 1))
  // Bots pay to enter: the page solves this account's proof-of-work while the fan waits, and again before it lapses.
  // Each round is a new proof (a new key: nothing of the spent one is shown meanwhile).
  const [round, setRound] = useState(0)
  const newProof = () => setRound((n) => n + 1)
  const proofKey = event.entryChallenge && user && !closed ? `proof ${event.id} ${user.id} ${round}` : null
  const [proof] = useQuery(
    proofKey,
    async (signal) => (await import('../queue/entry-proof.ts')).proveEntry(event.id, signal),
    { refreshMs: PROOF_REFRESH_MS },
  )
  const proving = proofKey !== null && proof.state !== 'ready'

  // The action's state is why joining failed (null: it has not).
  const [failure, book, busy] = useFormAction<unknown>(async () => {
    if (!user) {
      navigate(`/login?next=${encodeURIComponent(`/events/${event.id}`)}`)
      return null
    }
    try {
      // A press of the button is an explicit ask: after a sell-out it queues the fan again, at the back.
      const body = { gradeId, quantity, rejoin: true, ...(proof.state === 'ready' && { proof: proof.data }) }
      await api<QueueEntry>(`/api/events/${event.id}/queue`, { body })
      // The queue page shows the title without asking the API again (it is what every fan opens at once).
      navigate(`/events/${event.id}/queue`, { state: { title: event.title } satisfies QueueArrival })
      return null
    } catch (e) {
      // A spent or lapsed proof: solve a new one; the fan presses again when it is ready.
      if (isApiError(e, 'queue.challenge_failed')) newProof()
      return e
    }
  }, null)
  const error = busy ? null : failure

  return (
    <form className="panel" aria-labelledby="book-h" onSubmit={book}>
      <h2 id="book-h">{t('event.book')}</h2>
      {joinIn > 0 && preQueueIn !== null && (
        <p className="opens big">
          {t('event.pre_queue_opens_in')} <Countdown to={event.preQueueOpensAt!} onDone={onOpened} />
        </p>
      )}
      {joinIn > 0 && preQueueIn === null && (
        <p className="opens big">
          {t('event.opens_in')} <Countdown to={event.saleOpensAt} onDone={onOpened} />
        </p>
      )}
      {inPreQueue && (
        <p className="opens big">
          {t('event.draw_in')} <Countdown to={event.saleOpensAt} onDone={onOpened} />
        </p>
      )}
      {preQueueIn !== null && opensIn > 0 && (
        <p className="notice">
          {t('event.pre_queue_explained', {
            from: formatDateTime(event.preQueueOpensAt!, lang),
            at: formatDateTime(event.saleOpensAt, lang),
          })}
        </p>
      )}
      {event.requireIdentity && user && !user.identityVerified && (
        <p className="notice">
          {t('event.verify_first')} <Link to="/account">{t('event.verify_now')}</Link>
        </p>
      )}
      <fieldset className="grades">
        <legend>{t('event.grade')}</legend>
        {event.grades.map((g) => (
          <label key={g.id} className={`grade ${g.remaining === 0 ? 'soldout' : ''}`}>
            <input
              type="radio"
              name="grade"
              value={g.id}
              checked={gradeId === g.id}
              disabled={g.remaining === 0}
              onChange={() => {
                setGradeId(g.id)
                setQuantity(1)
              }}
            />
            <span className="grade-name">{g.name}</span>
            <span className="grade-price">{formatPrice(g.price)}</span>
            <span className="grade-left">
              {g.remaining === 0 ? t('event.sold_out') : t('event.seats_left', { n: g.remaining })}
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field inline">
        {t('event.quantity')}
        <select value={quantity} onChange={(e) => setQuantity(Number(e.target.value))}>
          {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {t('event.tickets', { n })}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small">{t('event.limit', { n: event.perUserLimit })}</p>
      {grade && (
        <p className="total">
          {t('event.total')} <strong>{formatPrice(grade.price * quantity)}</strong>
        </p>
      )}
      {proof.state === 'error' && (
        <p className="error-text" role="alert">
          {t('event.proof_failed')}{' '}
          <button type="button" className="linklike" onClick={newProof}>
            {t('common.retry')}
          </button>
        </p>
      )}
      {error !== null && (
        <p className="error-text" role="alert">
          {error instanceof ApiError && error.code === 'queue.not_open'
            ? t('error.queue.not_open')
            : errorMessage(error, t)}
        </p>
      )}
      <button
        type="submit"
        className="button wide"
        disabled={busy || proving || closed || joinIn > 0 || !grade || grade.remaining === 0}
      >
        {closed
          ? t('event.sale_closed')
          : joinIn > 0
            ? t('event.not_open_yet')
            : proving
              ? t('event.proving')
              : inPreQueue
                ? t('event.join_pre_queue')
                : t('event.book_now')}
      </button>
    </form>
  )
}
