// 내 계정: end every login at once (a lost phone), or close the account (회원탈퇴) with its password.
import { type FormEvent, useState } from 'react'
import { useNavigate } from 'react-router'
import { ApiError } from '../../api/client.ts'
import { Field } from '../../app/field.tsx'
import { errorMessage } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAuth } from './auth.tsx'

export default function AccountPage() {
  const { t } = useI18n()
  const { user, logoutEverywhere, closeAccount } = useAuth()
  const navigate = useNavigate()
  const [busy, setBusy] = useState<'everywhere' | 'close' | null>(null)
  const [error, setError] = useState<{ action: 'everywhere' | 'close'; error: unknown } | null>(null)

  const everywhere = async () => {
    setBusy('everywhere')
    setError(null)
    try {
      await logoutEverywhere()
      navigate('/login', { replace: true })
    } catch (err) {
      setError({ action: 'everywhere', error: err })
      setBusy(null)
    }
  }

  const close = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault()
    const password = String(new FormData(e.currentTarget).get('password') ?? '')
    if (!window.confirm(t('account.close_confirm'))) return
    setBusy('close')
    setError(null)
    try {
      await closeAccount(password)
      navigate('/', { replace: true })
    } catch (err) {
      setError({ action: 'close', error: err })
      setBusy(null)
    }
  }

  const closeError =
    error?.action === 'close'
      ? error.error instanceof ApiError && error.error.code === 'auth.invalid_credentials'
        ? t('account.wrong_password')
        : errorMessage(error.error, t)
      : undefined
  return (
    <div className="page narrow">
      <h1>{t('account.mine')}</h1>
      {user && (
        <p className="muted">
          {user.name} · {user.email}
        </p>
      )}
      <section className="card padded" aria-labelledby="everywhere-title">
        <h2 id="everywhere-title">{t('account.everywhere_title')}</h2>
        <p>{t('account.everywhere_note')}</p>
        {error?.action === 'everywhere' && (
          <p className="error-text" role="alert">
            {errorMessage(error.error, t)}
          </p>
        )}
        <button type="button" className="button secondary wide" onClick={everywhere} disabled={busy !== null}>
          {t('account.everywhere')}
        </button>
      </section>
      <section className="card padded" aria-labelledby="close-title">
        <h2 id="close-title">{t('account.close_title')}</h2>
        <p>{t('account.close_note')}</p>
        <form onSubmit={close} noValidate className="form">
          <Field
            label={t('account.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={closeError}
          />
          <button type="submit" className="button danger wide" disabled={busy !== null}>
            {t('account.close')}
          </button>
        </form>
      </section>
    </div>
  )
}
