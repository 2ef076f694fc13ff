// The one way a page reads data: `useQuery(key, load)`. The key names what is shown (normally the API path it
// comes from); a new key loads afresh and never shows the previous key's data, `reload()` loads the same key again
// and keeps showing what it has meanwhile. With `refreshMs` the data is polled (five times slower while the tab is
// hidden, so a forgotten tab costs little); a failed refresh keeps the last data and says so in `error`.
import { useCallback, useEffect, useEffectEvent, useState } from 'react'

export type Load<T> =
  | { state: 'idle' | 'loading'; data?: undefined; error?: undefined }
  /** `error`: the last refresh failed (the data is from before it); `at`: when the data arrived. */
  | { state: 'ready'; data: T; error?: unknown; at: number }
  | { state: 'error'; data?: undefined; error: unknown }

export interface QueryOptions {
  /** Load again this often while the page shows the data. */
  refreshMs?: number
}

interface Held<T> {
  key: string
  attempt: number
  load: Load<T>
}

const LOADING: Load<never> = { state: 'loading' }
const IDLE: Load<never> = { state: 'idle' }

/** `key: null` loads nothing (the page does not need the data yet, or already has it). */
export function useQuery<T>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<T>,
  { refreshMs }: QueryOptions = {},
): [Load<T>, () => void] {
  const [attempt, setAttempt] = useState(0)
  const [held, setHeld] = useState<Held<T> | null>(null)
  // The latest `load` is used, so callers pass a plain closure; only the key decides when to load.
  const fetchData = useEffectEvent(load)

  useEffect(() => {
    if (key === null) return
    const controller = new AbortController()
    let timer: ReturnType<typeof setTimeout> | undefined
    const settle = (next: (previous: Load<T> | undefined) => Load<T>) =>
      setHeld((h) => ({ key, attempt, load: next(h?.key === key ? h.load : undefined) }))
    const run = () =>
      fetchData(controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return
          settle(() => ({ state: 'ready', data, at: Date.now() }))
          if (refreshMs) timer = setTimeout(run, document.hidden ? refreshMs * 5 : refreshMs)
        },
        (error) => {
          if (controller.signal.aborted) return
          settle((previous) => (previous?.state === 'ready' ? { ...previous, error } : { state: 'error', error }))
          if (refreshMs) timer = setTimeout(run, document.hidden ? refreshMs * 5 : refreshMs)
        },
      )
    void run()
    return () => {
      controller.abort()
      clearTimeout(timer)
    }
  }, [key, attempt, refreshMs])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  if (key === null) return [IDLE, reload]
  // Another key's data is never shown for this one; a reload of this key keeps its data until the answer.
  if (!held || held.key !== key) return [LOADING, reload]
  if (held.attempt !== attempt && held.load.state === 'error') return [LOADING, reload]
  return [held.load, reload]
}
