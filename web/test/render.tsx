// Renders a page the way the app does: i18n (Korean unless asked), auth, and a router at the given path.
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { type InitialEntry, MemoryRouter, Route, Routes, useLocation } from 'react-router'
import { AuthProvider } from '../src/features/account/auth.tsx'
import { I18nProvider, type Lang } from '../src/i18n/i18n.tsx'

/** Where a page sent the visitor: the path and the router state it passed along. */
function Elsewhere() {
  const location = useLocation()
  return (
    <>
      <p>elsewhere</p>
      <output data-testid="arrived">{JSON.stringify({ path: location.pathname, state: location.state })}</output>
    </>
  )
}

export function arrival(): { path: string; state: unknown } {
  return JSON.parse(document.querySelector('[data-testid="arrived"]')?.textContent ?? 'null')
}

export function renderAt(path: InitialEntry, pattern: string, page: ReactNode, lang: Lang = 'ko') {
  return render(
    <I18nProvider lang={lang}>
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={pattern} element={page} />
            <Route path="*" element={<Elsewhere />} />
          </Routes>
        </MemoryRouter>
      </AuthProvider>
    </I18nProvider>,
  )
}
