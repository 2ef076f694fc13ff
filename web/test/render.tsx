// Renders a page the way the app does: i18n (Korean unless asked), auth, and a router at the given path.
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { MemoryRouter, Route, Routes } from 'react-router'
import { AuthProvider } from '../src/features/account/auth.tsx'
import { I18nProvider, type Lang } from '../src/i18n/i18n.tsx'

export function renderAt(path: string, pattern: string, page: ReactNode, lang: Lang = 'ko') {
  return render(
    <I18nProvider lang={lang}>
      <AuthProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={pattern} element={page} />
            <Route path="*" element={<p>elsewhere</p>} />
          </Routes>
        </MemoryRouter>
      </AuthProvider>
    </I18nProvider>,
  )
}
