// One booking: pay it (the test provider's window or PortOne's SDK → /complete → confirmed), or cancel it.
// Returning here after paying shows the confirmed booking; so does coming back from a PG's pages on a phone, whose
// redirect carries the payment to complete in the query.
import { useEffect, useRef, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { ApiError, api } from '../../api/client.ts'
import type { Booking, EventDetail, PaymentStart } from '../../api/types.ts'
import { ErrorState, errorMessage, Loading, useLoad } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { BookingSummary } from './booking-view.tsx'
import { awaitCheckout, type CheckoutAnswer, openCheckoutWindow, postDecision } from './checkout.ts'
import { asPortOneCheckout, payWithPortOne, portOneReturn } from './portone.ts'
import { TicketPasses } from './ticket-passes.tsx'

type PayState =
  | { step: 'idle' }
  | { step: 'paying' }
  | { step: 'fallback'; start: PaymentStart }
  | { step: 'completing' }
  | { step: 'error'; error: unknown }

export default function BookingPage() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const [data, reload] = useLoad(
    async (signal) => {
      const booking = await api<Booking>(`/api/bookings/${id}`, { signal })
      const event = await api<EventDetail>(`/api/events/${booking.eventId}`, { signal }).catch(() => undefined)
      return { booking, event }
    },
    [id],
  )
  const [pay, setPay] = useState<PayState>({ step: 'idle' })
  const [cancelling, setCancelling] = useState(false)
  const abort = useRef<AbortController | null>(null)

  const complete = async (
    start: Pick<PaymentStart, 'paymentId'>,
    answer: Pick<CheckoutAnswer, 'providerPaymentId'>,
  ) => {
    setPay({ step: 'completing' })
    try {
      await api(`/api/payments/${start.paymentId}/complete`, { body: { providerPaymentId: answer.providerPaymentId } })
      setPay({ step: 'idle' })
    } catch (error) {
      setPay({ step: 'error', error })
    }
    reload()
  }

  // Back from a PG's pages (phones): complete once, then drop the query so a reload does not repeat it.
  const [query, setQuery] = useSearchParams()
  const returned = useRef(portOneReturn(query))
  useEffect(() => {
    const back = returned.current
    if (!back) return
    returned.current = null
    setQuery({}, { replace: true })
    if (back.kind === 'failed')
      setPay({ step: 'error', error: new ApiError(402, 'payment.portone_failed', back.message) })
    else void complete({ paymentId: back.paymentId }, { providerPaymentId: back.providerPaymentId })
  })

  const startPayment = async () => {
    const popup = openCheckoutWindow()
    setPay({ step: 'paying' })
    try {
      const start = await api<PaymentStart>(`/api/bookings/${id}/payments`, { method: 'POST' })
      const portone = asPortOneCheckout(start.provider, start.checkout)
      if (portone) {
        // The blank window was opened before the provider was known; PortOne's SDK opens its own.
        popup?.close()
        return await complete(start, await payWithPortOne(portone, `${window.location.origin}/bookings/${id}`))
      }
      const url = typeof start.checkout.url === 'string' ? start.checkout.url : null
      if (!url) throw new ApiError(501, 'payment.provider_unsupported_in_web', start.provider)
      if (!popup) return setPay({ step: 'fallback', start })
      abort.current = new AbortController()
      const answer = await awaitCheckout(popup, url, abort.current.signal)
      if (!answer) return setPay({ step: 'idle' })
      await complete(start, answer)
    } catch (error) {
      popup?.close()
      setPay({ step: 'error', error })
    }
  }

  const cancel = async () => {
    if (!window.confirm(t('booking.cancel_confirm'))) return
    setCancelling(true)
    try {
      await api(`/api/bookings/${id}/cancel`, { method: 'POST' })
    } catch (error) {
      setPay({ step: 'error', error })
    }
    setCancelling(false)
    reload()
  }

  if (data.state === 'loading') return <Loading />
  if (data.state === 'error') return <ErrorState error={data.error} onRetry={reload} />
  const { booking, event } = data.data
  const cancellable =
    booking.status === 'pending_payment' ||
    (booking.status === 'confirmed' && (!event || new Date(event.startsAt).getTime() > Date.now()))
  return (
    <div className="page">
      <h1>{t('booking.one')}</h1>
      <div className="card padded">
        <BookingSummary booking={booking} event={event} />
      </div>
      {booking.status === 'confirmed' && <p className="notice success">{t('booking.confirmed_note')}</p>}
      <TicketPasses booking={booking} />
      {pay.step === 'paying' && <Loading label={t('pay.window_open')} />}
      {pay.step === 'completing' && <Loading label={t('pay.completing')} />}
      {pay.step === 'error' && (
        <p className="error-text" role="alert">
          {errorMessage(pay.error, t)}
        </p>
      )}
      {pay.step === 'fallback' && (
        <div className="panel" role="dialog" aria-label={t('pay.test_checkout')}>
          <p>{t('pay.popup_blocked')}</p>
          <button
            type="button"
            className="button"
            onClick={async () => {
              try {
                await complete(pay.start, await postDecision(String(pay.start.checkout.url), 'approve'))
              } catch (error) {
                setPay({ step: 'error', error })
              }
            }}
          >
            {t('pay.approve')}
          </button>{' '}
          <button type="button" className="button secondary" onClick={() => setPay({ step: 'idle' })}>
            {t('common.cancel')}
          </button>
        </div>
      )}
      <div className="actions">
        {booking.status === 'pending_payment' && (
          <button
            type="button"
            className="button wide"
            onClick={startPayment}
            disabled={pay.step === 'paying' || pay.step === 'completing'}
          >
            {t('booking.pay_amount', { amount: booking.amount.toLocaleString('ko-KR') })}
          </button>
        )}
        {cancellable && (
          <button type="button" className="button danger wide" onClick={cancel} disabled={cancelling}>
            {booking.status === 'confirmed' ? t('booking.cancel_refund') : t('booking.cancel')}
          </button>
        )}
        <Link to="/bookings">{t('booking.back')}</Link>
      </div>
    </div>
  )
}
