// A small i18n of our own: two flat JSON dictionaries. Korean ships in the main bundle; English loads on demand.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import ko from './ko.json'

export type Lang = 'ko' | 'en'
type Dict = Record<string, string>
export type Translate = (key: string, vars?: Record<string, string | number>) => string

const LANG_KEY = 'tt.lang'

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

export function translate(dict: Dict, key: string, vars?: Record<string, string | number>): string {
  const text = dict[key] ?? (ko as Dict)[key] ?? key
  return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : text
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(fixed ?? initialLang)
  const [dict, setDict] = useState<Dict>(ko)

  useEffect(() => {
    let live = true
    document.documentElement.lang = lang
    if (lang === 'ko') setDict(ko)
    else
      void import('./en.json').then((m) => {
        if (live) setDict(m.default as Dict)
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
  const t = useCallback<Translate>((key, vars) => translate(dict, key, vars), [dict])
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t])
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n outside I18nProvider')
  return ctx
}
