// Display formatting: dates always in Asia/Seoul (where the events happen), money in whole won.
import type { Lang } from '../i18n/i18n.tsx'

const ZONE = 'Asia/Seoul'
const locale = (lang: Lang) => (lang === 'ko' ? 'ko-KR' : 'en-GB')

const priceFormat = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' })
export function formatPrice(won: number): string {
  return priceFormat.format(won)
}

export function formatDateTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso))
}

export function formatDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(iso))
}

/** "2일 03:04:05" / "2d 03:04:05"; "00:00:00" once passed. */
export function formatCountdown(ms: number, lang: Lang): string {
  const total = Math.max(0, Math.floor(ms / 1000))
  const days = Math.floor(total / 86400)
  const hms = [Math.floor(total / 3600) % 24, Math.floor(total / 60) % 60, total % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':')
  if (days === 0) return hms
  return lang === 'ko' ? `${days}일 ${hms}` : `${days}d ${hms}`
}

/** A rough human duration for ETAs: "약 3분" / "about 3 min". */
export function formatEta(seconds: number | null, lang: Lang): string {
  if (seconds === null || !Number.isFinite(seconds)) return lang === 'ko' ? '계산 중' : 'estimating'
  if (seconds < 60)
    return lang === 'ko' ? `약 ${Math.max(1, Math.round(seconds))}초` : `about ${Math.max(1, Math.round(seconds))} s`
  const min = Math.round(seconds / 60)
  return lang === 'ko' ? `약 ${min}분` : `about ${min} min`
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat('ko-KR').format(n)
}

/** A datetime-local input value (Seoul wall time) ↔ ISO with +09:00. */
export function toSeoulInput(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 9 * 3600_000)
  return d.toISOString().slice(0, 16)
}
export function fromSeoulInput(value: string): string {
  return `${value.length === 16 ? `${value}:00` : value}+09:00`
}
