// A small i18n of our own: two typed dictionaries (ko.ts, en.ts). Korean ships in the main bundle; English loads on
// demand. Not a library: what we need is typed keys and placeholders (messages.ts), plurals by Intl.PluralRules and
// numbers by Intl.NumberFormat, in under a kilobyte on the queue page that every fan loads at the opening.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { ko } from './ko.ts'
import type { Dictionary, Message, Translate } from './messages.ts'

export type Lang = 'ko' | 'en'
export type { MessageKey, Translate } from './messages.ts'

const LANG_KEY = 'tt.lang'
const LOCALES: Record<Lang, string> = { ko: 'ko-KR', en: 'en-GB' }

interface I18n {
  lang: Lang
  setLang(lang: Lang): void
  t: Translate
}

const I18nContext = createContext<I18n | null>(null)

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_KEY)
    if (saved === 'ko' || saved === 'en') return saved
  } catch {}
  return 'ko'
}

/** Fills `{name}` placeholders; numbers are written the locale's way, and `n` picks a counted message's form. */
function say(message: Message, vars: Record<string, string | number> | undefined, lang: Lang): string {
  const locale = LOCALES[lang]
  const n = vars?.n
  const text =
    typeof message === 'string'
      ? message
      : ((typeof n === 'number' ? message[new Intl.PluralRules(locale).select(n)] : undefined) ?? message.other)
  if (!vars) return text
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
    const value = vars[name]
    if (value === undefined) return placeholder
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value
  })
}

/** A translator over `dict` (falling back to Korean for a key a partial dictionary lacks, and to the key itself). */
export function translator(dict: Dictionary, lang: Lang): Translate {
  const words = dict as Record<string, Message | undefined>
  const fallback = ko as Record<string, Message | undefined>
  const lookup = (key: string, vars?: Record<string, string | number>) => {
    const message = words[key] ?? fallback[key]
    return message === undefined ? undefined : say(message, vars, lang)
  }
  const t = ((key: string, vars?: Record<string, string | number>) => lookup(key, vars) ?? key) as Translate
  t.lookup = lookup
  return t
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang)
  const [loaded, setLoaded] = useState<{ lang: Lang; dict: Dictionary }>({ lang: 'ko', dict: ko })

  useEffect(() => {
    let live = true
    document.documentElement.lang = lang
    if (lang === 'ko') setLoaded({ lang, dict: ko })
    else
      void import('./en.ts').then((m) => {
        if (live) setLoaded({ lang, dict: m.en })
      })
    return () => {
      live = false
    }
  }, [lang])

  const setLang = useCallback((next: Lang) => {
    try {
      localStorage.setItem(LANG_KEY, next)
    } catch {}
    setLangState(next)
  }, [])
  // Until English arrives, Korean words are shown with Korean number and plural rules.
  const t = useMemo(() => translator(loaded.dict, loaded.lang), [loaded])
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
