// Create or edit an event: details, sale window, payment deadline, poster and grades. Server validation errors
// appear beside the fields they name.
import { useState } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ApiError, api } from '../../api/client.ts'
import { CATEGORIES, type EventDetail } from '../../api/types.ts'
import { Field } from '../../app/field.tsx'
import { useFormAction } from '../../app/form-action.ts'
import { useQuery } from '../../app/query.ts'
import { ErrorState, errorMessage, Loading } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import {
  bodyOf,
  CHALLENGE_COSTS,
  changesOf,
  draftOf,
  type EventDraft,
  emptyDraft,
  withProtection,
} from './event-draft.ts'
import { PosterUpload } from './poster-upload.tsx'

/** Proof-of-work levels: key derivations a fan's browser makes while waiting (2,000 ≈ 1 s on a server core). */

export default function EventFormPage() {
  const { id } = useParams()
  const path = id ? `/api/events/${id}` : null
  const [event, reload] = useQuery(path, (signal) => api<EventDetail>(path ?? '', { signal }))
  if (!id) return <EventForm original={null} />
  if (event.state === 'error') return <ErrorState error={event.error} onRetry={reload} />
  if (event.state !== 'ready') return <Loading />
  return <EventForm key={id} id={id} original={draftOf(event.data)} />
}

/** What the server refused: per field (by path) and as a whole. */
interface Refusal {
  errors: Record<string, string>
  error: unknown
}
const NONE: Refusal = { errors: {}, error: null }

function EventForm({ id, original }: { id?: string; original: EventDraft | null }) {
  const { t } = useI18n()
  const navigate = useNavigate()
  const [draft, setDraft] = useState<EventDraft>(() => original ?? emptyDraft())
  // A field edited since the server's answer no longer carries its complaint.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set())

  const [refusal, submit, busy] = useFormAction<Refusal>(async () => {
    setEdited(new Set())
    try {
      const changes = id && original ? changesOf(draft, original) : null
      if (id && changes && Object.keys(changes).length === 0) {
        navigate(`/organizer/events/${id}`)
        return NONE
      }
      const saved = await api<EventDetail>(id ? `/api/events/${id}` : '/api/events', {
        method: id ? 'PATCH' : 'POST',
        body: changes ?? bodyOf(draft, false),
      })
      navigate(`/organizer/events/${saved.id}`)
      return NONE
    } catch (err) {
      if (err instanceof ApiError && err.errors.length)
        return { errors: err.fieldErrors(), error: new ApiError(400, 'validation.failed', err.message) }
      return { errors: {}, error: err }
    }
  }, NONE)
  const errors = Object.fromEntries(Object.entries(refusal.errors).filter(([path]) => !edited.has(path)))
  const error = busy ? null : refusal.error
  const set = (patch: Partial<EventDraft>) => setDraft({ ...draft, ...patch })
  const text = (name: keyof EventDraft, label: string, path: string, extra: Record<string, unknown> = {}) => (
    <Field
      label={label}
      name={name}
      value={String(draft[name] ?? '')}
      onChange={(e) => {
        set({ [name]: e.target.value } as Partial<EventDraft>)
        if (errors[path]) setEdited((paths) => new Set(paths).add(path))
      }}
      error={errors[path]}
      {...extra}
    />
  )

  return (
    <div className="page narrow">
      <h1>{id ? t('org.edit_event') : t('org.new_event')}</h1>
      <form className="form" onSubmit={submit} noValidate>
        {text('title', t('org.title'), 'title', { required: true })}
        <Field label={t('org.category')} error={errors.category} htmlFor="category">
          <select
            id="category"
            value={draft.category}
            onChange={(e) => set({ category: e.target.value as EventDraft['category'] })}
          >
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
        </Field>
        {text('performers', t('org.performers'), 'performers', { hint: t('org.performers_hint') })}
        <div className="field">
          <label htmlFor="description">{t('org.description')}</label>
          <textarea
            id="description"
            rows={4}
            value={draft.description}
            onChange={(e) => set({ description: e.target.value })}
          />
          {errors.description && <small className="error-text">{errors.description}</small>}
        </div>
        {text('venueName', t('org.venue_name'), 'venue.name', { required: true })}
        {text('venueCity', t('org.venue_city'), 'venue.city', { required: true })}
        {text('venueAddress', t('org.venue_address'), 'venue.address')}
        <p className="muted small">{t('org.times_in_seoul')}</p>
        {text('startsAt', t('org.starts_at'), 'startsAt', { type: 'datetime-local', required: true })}
        {text('endsAt', t('org.ends_at'), 'endsAt', { type: 'datetime-local' })}
        {text('saleOpensAt', t('org.sale_opens_at'), 'saleOpensAt', { type: 'datetime-local', required: true })}
        {text('saleClosesAt', t('org.sale_closes_at'), 'saleClosesAt', { type: 'datetime-local', required: true })}
        {text('perUserLimit', t('org.per_user_limit'), 'perUserLimit', {
          type: 'number',
          min: 1,
          inputMode: 'numeric',
        })}
        <fieldset className="field">
          <legend>{t('org.payment_deadline')}</legend>
          <label className="inline">
            <input
              type="radio"
              name="deadline"
              checked={draft.deadlinePolicy === 'end_of_day'}
              onChange={() => set({ deadlinePolicy: 'end_of_day' })}
            />{' '}
            {t('org.deadline_end_of_day')}
          </label>
          <label className="inline">
            <input
              type="radio"
              name="deadline"
              checked={draft.deadlinePolicy === 'minutes'}
              onChange={() => set({ deadlinePolicy: 'minutes' })}
            />{' '}
            {t('org.deadline_minutes')}
          </label>
          {draft.deadlinePolicy === 'minutes' &&
            text('deadlineMinutes', t('org.minutes'), 'paymentDeadline.minutes', { type: 'number', min: 1 })}
        </fieldset>
        <fieldset className="field">
          <legend>{t('org.entry_rules')}</legend>
          <p className="muted small">{t('org.entry_rules_note')}</p>
          <button type="button" className="button secondary" onClick={() => set(withProtection(draft))}>
            {t('org.protect_preset')}
          </button>
          <p className="muted small">{t('org.protect_preset_note')}</p>
          <label className="inline">
            <input
              type="checkbox"
              name="requireIdentity"
              // An age limit can only be checked on a verified person, so it keeps this on.
              checked={draft.requireIdentity || draft.minAge.trim() !== ''}
              disabled={draft.minAge.trim() !== ''}
              onChange={(e) => set({ requireIdentity: e.target.checked })}
              aria-describedby="require-identity-hint"
            />{' '}
            {t('org.require_identity')}
          </label>
          <small id="require-identity-hint" className="muted">
            {t('org.require_identity_hint')}
          </small>
          <Field
            label={t('org.challenge')}
            error={errors['entryChallenge.cost']}
            htmlFor="challenge"
            hint={t('org.challenge_hint')}
          >
            <select id="challenge" value={draft.challengeCost} onChange={(e) => set({ challengeCost: e.target.value })}>
              <option value="">{t('org.challenge_off')}</option>
              <option value={String(CHALLENGE_COSTS.light)}>{t('org.challenge_light')}</option>
              <option value={String(CHALLENGE_COSTS.normal)}>{t('org.challenge_normal')}</option>
              <option value={String(CHALLENGE_COSTS.strong)}>{t('org.challenge_strong')}</option>
            </select>
          </Field>
          {text('preQueueOpensAt', t('org.pre_queue'), 'preQueueOpensAt', {
            type: 'datetime-local',
            hint: t('org.pre_queue_hint'),
          })}
          {text('minAge', t('org.min_age'), 'minAge', {
            type: 'number',
            min: 1,
            max: 99,
            inputMode: 'numeric',
            hint: t('org.min_age_hint'),
          })}
        </fieldset>
        <PosterUpload
          previewUrl={draft.posterUrl}
          error={errors.posterMediaId}
          onUploaded={(m) => set({ posterMediaId: m.id, posterUrl: m.url })}
        />
        <fieldset className="field">
          <legend>{t('org.grades')}</legend>
          {errors.grades && <small className="error-text">{errors.grades}</small>}
          {draft.grades.map((g, i) => {
            const setGrade = (patch: Partial<typeof g>) =>
              set({ grades: draft.grades.map((x, j) => (j === i ? { ...x, ...patch } : x)) })
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: grades have no id until saved; order is the identity.
              <div className="grade-row" key={i}>
                <Field
                  label={t('org.grade_name')}
                  value={g.name}
                  onChange={(e) => setGrade({ name: e.target.value })}
                  error={errors[`grades.${i}.name`]}
                />
                <Field
                  label={t('org.grade_price')}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  value={g.price}
                  onChange={(e) => setGrade({ price: e.target.value })}
                  error={errors[`grades.${i}.price`]}
                />
                <Field
                  label={t('org.grade_capacity')}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  value={g.capacity}
                  onChange={(e) => setGrade({ capacity: e.target.value })}
                  error={errors[`grades.${i}.capacity`]}
                />
                {draft.grades.length > 1 && !g.id && (
                  <button
                    type="button"
                    className="linklike"
                    onClick={() => set({ grades: draft.grades.filter((_, j) => j !== i) })}
                  >
                    {t('org.remove_grade')}
                  </button>
                )}
              </div>
            )
          })}
          {draft.grades.length < 20 && (
            <button
              type="button"
              className="button secondary"
              onClick={() => set({ grades: [...draft.grades, { name: '', price: '', capacity: '' }] })}
            >
              {t('org.add_grade')}
            </button>
          )}
        </fieldset>
        {error !== null && (
          <p className="error-text" role="alert">
            {errorMessage(error, t)}
          </p>
        )}
        <button type="submit" className="button wide" disabled={busy}>
          {id ? t('org.save') : t('org.create')}
        </button>
        <Link to="/organizer">{t('common.cancel')}</Link>
      </form>
    </div>
  )
}
