// Login and signup share one form: fields, server field errors beside them, a general error above the button.
import { type FormEvent, useState } from 'react'
import { Link, useNavigate, useSearchParams } from 'react-router'
import { ApiError } from '../../api/client.ts'
import { Field } from '../../app/field.tsx'
import { errorMessage, known } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAuth } from './auth.tsx'

export function AccountForm({ mode }: { mode: 'login' | 'signup' }) {
  const { t } = useI18n()
  const { login, signup } = useAuth()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const [busy, setBusy] = useState(false)
  const [fields, setFields] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const form = new FormData(e.currentTarget)
    const email = String(form.get('email') ?? '')
    const password = String(form.get('password') ?? '')
    setBusy(true)
    setError(null)
    setFields({})
    try {
      if (mode === 'login') await login(email, password)
      else await signup(email, password, String(form.get('name') ?? ''))
      const next = params.get('next')
      navigate(next?.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true })
    } catch (err) {
      setBusy(false)
      if (err instanceof ApiError && err.errors.length) setFields(err.fieldErrors((code) => known(t, `error.${code}`)))
      else setError(err)
    }
  }

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
        {error !== null && (
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
