// The shared loading / empty / error states every page uses, and a hook that loads data with them.
import { type DependencyList, type ReactNode, useCallback, useEffect, useState } from 'react'
import { ApiError } from '../api/client.ts'
import { useI18n } from '../i18n/i18n.tsx'

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

/** The dictionary's words for `key`, or undefined when it has none. */
export function known(t: (key: string) => string, key: string): string | undefined {
  const said = t(key)
  return said === key ? undefined : said
}

/** A known error code has a translated message; anything else says what happened in general terms. */
export function errorMessage(error: unknown, t: (key: string) => string): string {
  if (error instanceof ApiError) {
    const translated = known(t, `error.${error.code}`)
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

export type Load<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'ready'; data: T; error?: undefined }
  | { state: 'error'; data?: undefined; error: unknown }

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [result, setResult] = useState<Load<T>>({ state: 'loading' })
  const [tick, setTick] = useState(0)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again.
  useEffect(() => {
    const controller = new AbortController()
    setResult((r) => (r.state === 'ready' ? r : { state: 'loading' }))
    load(controller.signal).then(
      (data) => !controller.signal.aborted && setResult({ state: 'ready', data }),
      (error) => !controller.signal.aborted && setResult({ state: 'error', error }),
    )
    return () => controller.abort()
  }, [...deps, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return [result, reload] as const
}
