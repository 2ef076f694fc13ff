// The shared loading / empty / error states every page uses (data itself comes from useQuery, in query.ts).
import type { ReactNode } from 'react'
import { ApiError } from '../api/client.ts'
import { type Translate, useI18n } from '../i18n/i18n.tsx'

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n()
  return (
    <p className="state" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label ?? t('common.loading')}
    </p>
  )
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n()
  return (
    <div className="state error" role="alert">
      <p>{errorMessage(error, t)}</p>
      {onRetry && (
        <button type="button" className="button secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  )
}

/** A known error code has a translated message; anything else says what happened in general terms. */
export function errorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    const translated = t.lookup(`error.${error.code}`)
    if (translated) return translated
    if (error.status === 404) return t('error.not_found')
    if (error.status === 401) return t('error.login_required')
    if (error.status === 403) return t('error.forbidden')
    if (error.status === 429) return t('error.rate_limited')
    if (error.status < 500) return error.message
    return t('error.server')
  }
  return t('error.network')
}
