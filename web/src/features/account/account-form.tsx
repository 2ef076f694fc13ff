// Login and signup share one form: fields, server field errors beside them, a general error above the button.
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ApiError } from '../../api/client.ts'
import { Field } from '../../app/field.tsx'
import { useFormAction } from '../../app/form-action.ts'
import { errorMessage } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAuth } from './auth.tsx'

/** What the server refused: per field, or as a whole. */
interface Refusal {
  fields: Record<string, string>
  error: unknown
}
const ACCEPTED: Refusal = { fields: {}, error: null }

export function AccountForm({ mode }: { mode: 'login' | 'signup' }) {
  const { t } = useI18n()
  const { login, signup } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [{ fields, error }, submit, busy] = useFormAction<Refusal>(async (_, form) => {
    const email = String(form.get('email') ?? '')
    const password = String(form.get('password') ?? '')
    try {
      if (mode === 'login') await login(email, password)
      else await signup(email, password, String(form.get('name') ?? ''))
      const next = params.get('next')
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true })
      return ACCEPTED
    } catch (err) {
      if (err instanceof ApiError && err.errors.length)
        return { fields: err.fieldErrors((code) => t.lookup(`error.${code}`)), error: null }
      return { fields: {}, error: err }
    }
  }, ACCEPTED)

  const other = mode === 'login' ? 'signup' : 'login'
  return (
    <div className="page narrow">
      <h1>{t(`account.${mode}`)}</h1>
      <form onSubmit={submit} noValidate className="form">
        {mode === 'signup' && (
          <Field label={t('account.name')} name="name" autoComplete="name" required error={fields.name} />
        )}
        <Field
          label={t('account.email')}
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          error={fields.email}
        />
        <Field
          label={t('account.password')}
          name="password"
          type="password"
          autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
          required
          error={fields.password}
          hint={mode === 'signup' ? t('account.password_hint') : undefined}
        />
        {error !== null && !busy && (
          <p className="error-text" role="alert">
            {errorMessage(error, t)}
          </p>
        )}
        <button type="submit" className="button wide" disabled={busy}>
          {t(`account.${mode}`)}
        </button>
      </form>
      <p>
        <Link to={`/${other}${params.get('next') ? `?next=${encodeURIComponent(params.get('next')!)}` : ''}`}>
          {t(`account.go_${other}`)}
        </Link>
      </p>
    </div>
  )
}
