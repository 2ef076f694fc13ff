// One booking: pay it (the test provider's dialog or PortOne's SDK → /complete → confirmed), or cancel it.
// Returning here after paying shows the confirmed booking; so does coming back from a PG's pages on a phone, whose
// redirect carries the payment to complete in the query.
import { type FormEvent, useEffect, useEffectEvent, useRef, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { ApiError, api } from '../../api/client.ts'
import type { Booking, EventDetail, PaymentStart } from '../../api/types.ts'
import { Field } from '../../app/field.tsx'
import { useQuery } from '../../app/query.ts'
import { ErrorState, errorMessage, Loading } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { BookingSummary } from './booking-view.tsx'
import { type CheckoutAnswer, decideTestPayment } from './checkout.ts'
import { asPortOneCheckout, type PortOneCheckout, payWithPortOne, portOneReturn } from './portone.ts'
import { TicketPasses } from './ticket-passes.tsx'

type PayState =
  | { step: 'idle' }
  | { step: 'paying' }
  | { step: 'test_checkout'; start: PaymentStart; url: string }
  | { step: 'portone_tel'; start: PaymentStart; portone: PortOneCheckout }
  | { step: 'completing' }
  | { step: 'error'; error: unknown }

export default function BookingPage() {
  const { id = '' } = useParams()
  const { t } = useI18n()
  const [data, reload] = useQuery(`/api/bookings/${id}`, async (signal) => {
    const booking = await api<Booking>(`/api/bookings/${id}`, { signal })
    const event = await api<EventDetail>(`/api/events/${booking.eventId}`, { signal }).catch(() => undefined)
    return { booking, event }
  })
  const [pay, setPay] = useState<PayState>({ step: 'idle' })
  const [cancelling, setCancelling] = useState(false)

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
  const onReturn = useEffectEvent((back: NonNullable<ReturnType<typeof portOneReturn>>) => {
    setQuery({}, { replace: true })
    if (back.kind === 'failed')
      setPay({ step: 'error', error: new ApiError(402, 'payment.portone_failed', back.message) })
    else void complete({ paymentId: back.paymentId }, { providerPaymentId: back.providerPaymentId })
  })
  useEffect(() => {
    const back = returned.current
    // Taken once: a second mount (StrictMode) must not complete the payment twice.
    returned.current = null
    if (back) onReturn(back)
  }, [])

  const startPayment = async () => {
    setPay({ step: 'paying' })
    try {
      const start = await api<PaymentStart>(`/api/bookings/${id}/payments`, { method: 'POST' })
      const portone = asPortOneCheckout(start.provider, start.checkout)
      if (portone) return setPay({ step: 'portone_tel', start, portone })
      const url = start.provider === 'test' && typeof start.checkout.url === 'string' ? start.checkout.url : null
      if (!url) throw new ApiError(501, 'payment.provider_unsupported_in_web', start.provider)
      setPay({ step: 'test_checkout', start, url })
    } catch (error) {
      setPay({ step: 'error', error })
    }
  }

  /** The PG asks for the payer's phone number: it goes to PortOne's window only, never to our server. */
  const payByPortOne = async (e: FormEvent<HTMLFormElement>, start: PaymentStart, portone: PortOneCheckout) => {
    e.preventDefault()
    const tel = String(new FormData(e.currentTarget).get('tel') ?? '').trim()
    setPay({ step: 'paying' })
    try {
      await complete(start, await payWithPortOne(portone, `${window.location.origin}/bookings/${id}`, tel))
    } catch (error) {
      setPay({ step: 'error', error })
    }
  }

  const decide = async (start: PaymentStart, url: string, decision: 'approve' | 'decline') => {
    try {
      await complete(start, await decideTestPayment(url, decision))
    } catch (error) {
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

  if (data.state === 'error') return <ErrorState error={data.error} onRetry={reload} />
  if (data.state !== 'ready') return <Loading />
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
      {pay.step === 'portone_tel' && (
        <form
          className="panel form"
          aria-label={t('pay.portone_title')}
          onSubmit={(e) => payByPortOne(e, pay.start, pay.portone)}
        >
          <Field
            label={t('pay.tel')}
            name="tel"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            pattern="[0-9+\- ]{9,20}"
            required
            hint={t('pay.tel_hint')}
          />
          <button type="submit" className="button">
            {t('pay.continue')}
          </button>{' '}
          <button type="button" className="button secondary" onClick={() => setPay({ step: 'idle' })}>
            {t('common.cancel')}
          </button>
        </form>
      )}
      {pay.step === 'test_checkout' && (
        <div className="panel" role="dialog" aria-label={t('pay.test_checkout')}>
          <h2>{t('pay.test_checkout')}</h2>
          <p>{t('pay.test_checkout_note', { amount: pay.start.amount })}</p>
          <button type="button" className="button" onClick={() => decide(pay.start, pay.url, 'approve')}>
            {t('pay.approve')}
          </button>{' '}
          <button type="button" className="button secondary" onClick={() => decide(pay.start, pay.url, 'decline')}>
            {t('pay.decline')}
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
            {t('booking.pay_amount', { amount: booking.amount })}
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
