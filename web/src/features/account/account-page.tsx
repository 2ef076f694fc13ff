// 내 계정: 본인인증, end every login at once (a lost phone), or close the account (회원탈퇴) with its password.
import { startTransition, useActionState } from 'react'
import { useNavigate } from 'react-router'
import { ApiError } from '../../api/client.ts'
import { Field } from '../../app/field.tsx'
import { useFormAction } from '../../app/form-action.ts'
import { errorMessage } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAuth } from './auth.tsx'
import { IdentitySection } from './identity-section.tsx'

export default function AccountPage() {
  const { t } = useI18n()
  const { user, logoutEverywhere, closeAccount } = useAuth()
  const navigate = useNavigate()
  // Each action's state is its last failure (null: none yet).
  const [everywhereError, endEverywhere, endingEverywhere] = useActionState<unknown>(async () => {
    try {
      await logoutEverywhere()
      navigate('/login', { replace: true })
      return null
    } catch (err) {
      return err
    }
  }, null)
  const [closeFailure, close, closing] = useFormAction<unknown>(async (previous, form) => {
    if (!window.confirm(t('account.close_confirm'))) return previous
    try {
      await closeAccount(String(form.get('password') ?? ''))
      navigate('/', { replace: true })
      return null
    } catch (err) {
      return err
    }
  }, null)
  const busy = endingEverywhere || closing

  const closeError =
    closeFailure === null || closing
      ? undefined
      : closeFailure instanceof ApiError && closeFailure.code === 'auth.invalid_credentials'
        ? t('account.wrong_password')
        : errorMessage(closeFailure, t)
  return (
    <div className="page narrow">
      <h1>{t('account.mine')}</h1>
      {user && (
        <p className="muted">
          {user.name} · {user.email}
        </p>
      )}
      <IdentitySection />
      <section className="card padded" aria-labelledby="everywhere-title">
        <h2 id="everywhere-title">{t('account.everywhere_title')}</h2>
        <p>{t('account.everywhere_note')}</p>
        {everywhereError !== null && !endingEverywhere && (
          <p className="error-text" role="alert">
            {errorMessage(everywhereError, t)}
          </p>
        )}
        <button
          type="button"
          className="button secondary wide"
          onClick={() => startTransition(endEverywhere)}
          disabled={busy}
        >
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
          <button type="submit" className="button danger wide" disabled={busy}>
            {t('account.close')}
          </button>
        </form>
      </section>
    </div>
  )
}
