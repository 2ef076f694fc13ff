// A ticking countdown to a moment, computed on the client only (no API calls while it ticks).
import { useEffect, useState } from 'react'
import { formatCountdown } from '../format/format.ts'
import { useI18n } from '../i18n/i18n.tsx'

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(id)
  }, [intervalMs])
  return now
}

export function Countdown({ to, onDone }: { to: string; onDone?: () => void }) {
  const { lang } = useI18n()
  const now = useNow()
  const left = new Date(to).getTime() - now
  const passed = left <= 0
  useEffect(() => {
    if (passed) onDone?.()
  }, [passed, onDone])
  return (
    <time className="countdown" dateTime={to}>
      {formatCountdown(left, lang)}
    </time>
  )
}
