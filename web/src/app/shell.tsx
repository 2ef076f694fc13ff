// The frame around every page: brand, navigation by role, login state and the language toggle.
import { type ReactNode, useEffect, useRef } from 'react'
import { Link, NavLink, useLocation, useNavigate } from 'react-router'
import { useAuth } from '../features/account/auth.tsx'
import { useI18n } from '../i18n/i18n.tsx'

export function Shell({ children }: { children: ReactNode }) {
  const { t, lang, setLang } = useI18n()
  const { user, logout } = useAuth()
  const navigate = useNavigate()
  const location = useLocation()
  const main = useRef<HTMLElement>(null)

  // After navigating to another page, move focus to it so screen readers announce the new content. The first page
  // keeps the browser's own focus (the skip link comes first).
  const shown = useRef(location.pathname)
  useEffect(() => {
    if (shown.current === location.pathname) return
    shown.current = location.pathname
    main.current?.focus({ preventScroll: true })
    window.scrollTo(0, 0)
  }, [location.pathname])

  return (
    <>
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="Trusticket">
          <img src="/favicon.svg" alt="" width="24" height="24" /> Trusticket
        </Link>
        <button
          type="button"
          className="lang"
          onClick={() => setLang(lang === 'ko' ? 'en' : 'ko')}
          lang={lang === 'ko' ? 'en' : 'ko'}
        >
          {/* The visible word is the accessible name, in the language it names. */}
          {lang === 'ko' ? 'English' : '한국어'}
        </button>
      </header>
      <nav className="nav" aria-label={t('nav.label')}>
        <NavLink to="/search">{t('nav.search')}</NavLink>
        {user && <NavLink to="/bookings">{t('nav.bookings')}</NavLink>}
        {user && (user.role === 'organizer' || user.role === 'admin') && (
          <NavLink to="/organizer">{t('nav.organizer')}</NavLink>
        )}
        {user && (user.role === 'staff' || user.role === 'admin') && <NavLink to="/gate">{t('nav.gate')}</NavLink>}
        {user?.role === 'admin' && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
        <span className="spacer" />
        {user && <NavLink to="/account">{t('nav.account')}</NavLink>}
        {user ? (
          <button
            type="button"
            className="linklike"
            onClick={async () => {
              await logout()
              navigate('/')
            }}
          >
            {t('nav.logout')}
          </button>
        ) : (
          <>
            <NavLink to="/login">{t('nav.login')}</NavLink>
            <NavLink to="/signup">{t('nav.signup')}</NavLink>
          </>
        )}
      </nav>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">{user ? t('nav.signed_in_as', { name: user.name }) : 'Trusticket'}</footer>
    </>
  )
}
