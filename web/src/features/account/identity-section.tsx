// 본인인증 on the account page: open the provider's window, then complete with what it answers. With the built-in
// test provider, its window is this form (a tester names a person); with PortOne, its SDK's IMP.certification.
// Afterwards the access token is refreshed, so that it carries the verified person to the queue.
import { startTransition, useActionState, useState } from 'react'
import { api } from '../../api/client.ts'
import { Field } from '../../app/field.tsx'
import { useFormAction } from '../../app/form-action.ts'
import { errorMessage } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAuth } from './auth.tsx'
import { certifyWithPortOne } from './portone-certification.ts'

interface Started {
  verificationId: string
  provider: 'test' | 'portone'
  checkout: Record<string, unknown>
}

export function IdentitySection() {
  const { t } = useI18n()
  const { user, refreshUser } = useAuth()
  const [opened, setOpened] = useState<Started | null>(null)

  const complete = async (verificationId: string, providerVerificationId: string) => {
    await api(`/api/me/identity-verifications/${verificationId}/complete`, { body: { providerVerificationId } })
    await refreshUser()
    setOpened(null)
  }

  // Opening the window; with PortOne the whole verification happens in its SDK, so it completes here too.
  const [startFailure, start, starting] = useActionState<unknown>(async () => {
    try {
      const started = await api<Started>('/api/me/identity-verifications', { method: 'POST' })
      if (started.provider === 'portone')
        await complete(started.verificationId, await certifyWithPortOne(started.checkout))
      else setOpened(started)
      return null
    } catch (error) {
      return error
    }
  }, null)

  const [testFailure, submitTest, certifying] = useFormAction<unknown>(async (_, form) => {
    if (!opened) return null
    try {
      const url = String(opened.checkout.url)
      const body = { person: String(form.get('person') ?? '').trim(), birthDate: String(form.get('birthDate') ?? '') }
      const named = await api<{ providerVerificationId: string }>(url, { body })
      await complete(opened.verificationId, named.providerVerificationId)
      return null
    } catch (error) {
      return error
    }
  }, null)

  const failure = starting || certifying ? null : (testFailure ?? startFailure)
  return (
    <section className="card padded" aria-labelledby="identity-title">
      <h2 id="identity-title">{t('account.identity_title')}</h2>
      {user?.identityVerified ? (
        <p className="notice success">{t('account.identity_done')}</p>
      ) : (
        <>
          <p>{t('account.identity_note')}</p>
          {failure !== null && (
            <p className="error-text" role="alert">
              {errorMessage(failure, t)}
            </p>
          )}
          {opened?.provider === 'test' ? (
            <form className="form" aria-label={t('account.identity_test_title')} onSubmit={submitTest}>
              <p className="muted small">{t('account.identity_test_note')}</p>
              <Field label={t('account.identity_person')} name="person" required autoComplete="off" />
              <Field label={t('account.identity_birth')} name="birthDate" type="date" required />
              <button type="submit" className="button wide" disabled={certifying}>
                {t('account.identity_submit')}
              </button>
            </form>
          ) : (
            <button type="button" className="button wide" disabled={starting} onClick={() => startTransition(start)}>
              {t('account.identity_start')}
            </button>
          )}
        </>
      )}
    </section>
  )
}
