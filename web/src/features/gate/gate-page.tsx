// Staff at the door: choose the event (or arrive with ?event=<id>), then scan each guest's entry QR. Venue scanners
// type the code and press Enter, so the field takes it like a keyboard and is ready for the next guest at once; the
// answer stays on screen, green or red, with the holder's name to match against an ID when in doubt.
import { useId, useRef, useState } from 'react'
import { useSearchParams } from 'react-router'
import { api } from '../../api/client.ts'
import type { EventSummary } from '../../api/types.ts'
import { useFormAction } from '../../app/form-action.ts'
import { useQuery } from '../../app/query.ts'
import { ErrorState, errorMessage, Loading } from '../../app/states.tsx'
import { formatDateTime } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'

interface CheckedIn {
  ticketId: string
  holder: { name: string | null }
  checkedInAt: string
}

type Verdict = { kind: 'admitted'; result: CheckedIn } | { kind: 'refused'; error: unknown } | null

export default function GatePage() {
  const { t, lang } = useI18n()
  const id = useId()
  const [query] = useSearchParams()
  const wanted = query.get('event')
  const [events, reload] = useQuery(`gate events ${wanted ?? ''}`, async (signal) => {
    const from = encodeURIComponent(new Date().toISOString())
    const upcoming = (await api<{ items: EventSummary[] }>(`/api/events?from=${from}&limit=50`, { signal })).items
    // An event further out than the list reaches is still the one asked for.
    if (wanted && !upcoming.some((e) => e.id === wanted)) {
      const asked = await api<EventSummary>(`/api/events/${wanted}`, { signal }).catch(() => undefined)
      if (asked) upcoming.unshift(asked)
    }
    return upcoming
  })
  const [eventId, setEventId] = useState(wanted ?? '')
  const [pass, setPass] = useState('')
  const input = useRef<HTMLInputElement>(null)

  const [verdict, check, checking] = useFormAction<Verdict>(async (previous) => {
    const scanned = pass.trim()
    if (!scanned || !eventId) return previous
    let next: Verdict
    try {
      next = {
        kind: 'admitted',
        result: await api<CheckedIn>('/api/gate/check-in', { body: { pass: scanned, eventId } }),
      }
    } catch (error) {
      next = { kind: 'refused', error }
    }
    // Ready for the next guest at once.
    setPass('')
    input.current?.focus()
    return next
  }, null)

  if (events.state === 'error') return <ErrorState error={events.error} onRetry={reload} />
  if (events.state !== 'ready') return <Loading />
  return (
    <div className="page narrow">
      <h1>{t('gate.title')}</h1>
      <p className="muted">{t('gate.explain')}</p>
      <form onSubmit={check}>
        <div className="field">
          <label htmlFor={`${id}-event`}>{t('gate.event')}</label>
          <select id={`${id}-event`} value={eventId} onChange={(e) => setEventId(e.target.value)} required>
            <option value="">{t('gate.choose_event')}</option>
            {events.data.map((event) => (
              <option key={event.id} value={event.id}>
                {event.title} · {formatDateTime(event.startsAt, lang)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-pass`}>{t('gate.pass')}</label>
          <input
            id={`${id}-pass`}
            ref={input}
            value={pass}
            onChange={(e) => setPass(e.target.value)}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            disabled={!eventId}
          />
        </div>
        <button type="submit" className="button wide" disabled={!eventId || !pass.trim() || checking}>
          {t('gate.check')}
        </button>
      </form>
      {verdict?.kind === 'admitted' && (
        <output className="notice success gate-verdict">
          <strong>{t('gate.admitted')}</strong> {t('gate.holder', { name: verdict.result.holder.name ?? '—' })}
        </output>
      )}
      {verdict?.kind === 'refused' && (
        <p className="notice error gate-verdict" role="alert">
          <strong>{t('gate.refused')}</strong> {errorMessage(verdict.error, t)}
        </p>
      )}
    </div>
  )
}
