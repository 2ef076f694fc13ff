// A confirmed booking's tickets, each with its gate pass: a QR code of a signed pass that is good for a minute and
// is fetched again before it runs out, so that a screenshot passed on is already stale (tickets bound to holders).
import { useEffect, useState } from 'react'
import { api } from '../../api/client.ts'
import type { Booking } from '../../api/types.ts'
import { errorMessage } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'

interface Pass {
  pass: string
  expiresAt: string
}

/** Ask for a new pass this long before the shown one expires. */
const REFRESH_BEFORE_MS = 15_000

function PassCode({ ticketId }: { ticketId: string }) {
  const { t } = useI18n()
  const [image, setImage] = useState<{ src: string; expiresAt: string } | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const controller = new AbortController()
    const show = async () => {
      try {
        const { pass, expiresAt } = await api<Pass>(`/api/tickets/${ticketId}/pass`, {
          method: 'POST',
          signal: controller.signal,
        })
        // The encoder is loaded with the first pass only: most visits to a booking never show one.
        const { toDataURL } = await import('qrcode')
        setImage({ src: await toDataURL(pass, { errorCorrectionLevel: 'M', margin: 2, width: 280 }), expiresAt })
        setError(null)
        timer = setTimeout(show, Math.max(5_000, new Date(expiresAt).getTime() - Date.now() - REFRESH_BEFORE_MS))
      } catch (e) {
        if (!controller.signal.aborted) setError(e)
      }
    }
    void show()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [ticketId])
  if (error)
    return (
      <p className="error-text" role="alert">
        {errorMessage(error, t)}
      </p>
    )
  if (!image) return <p className="muted">{t('ticket.pass_loading')}</p>
  return (
    <figure className="ticket-pass">
      <img src={image.src} width={280} height={280} alt={t('ticket.pass_alt')} />
      <figcaption className="muted">{t('ticket.pass_note')}</figcaption>
    </figure>
  )
}

export function TicketPasses({ booking }: { booking: Booking }) {
  const { t } = useI18n()
  const [open, setOpen] = useState<string | null>(null)
  if (booking.status !== 'confirmed' || booking.tickets.length === 0) return null
  return (
    <section className="card padded" aria-label={t('ticket.title')}>
      <h2>{t('ticket.title')}</h2>
      <ol className="tickets">
        {booking.tickets.map((ticket, i) => (
          <li key={ticket.id}>
            <span>{t('ticket.number', { n: i + 1 })}</span>{' '}
            {ticket.status === 'valid' ? (
              <button
                type="button"
                className="button secondary"
                aria-expanded={open === ticket.id}
                onClick={() => setOpen(open === ticket.id ? null : ticket.id)}
              >
                {open === ticket.id ? t('ticket.hide_pass') : t('ticket.show_pass')}
              </button>
            ) : (
              <span className={`badge ${ticket.status}`}>{t(`ticket.status.${ticket.status}`)}</span>
            )}
            {open === ticket.id && ticket.status === 'valid' && <PassCode ticketId={ticket.id} />}
          </li>
        ))}
      </ol>
    </section>
  )
}
