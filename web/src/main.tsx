// Entry: providers, the shell and the routes. Every page is its own lazily loaded chunk, so a phone that opens the
// queue page downloads only the shell and the queue page.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { BrowserRouter } from 'react-router'
import { AppRoutes } from './app/routes.tsx'
import { Shell } from './app/shell.tsx'
import { AuthProvider } from './features/account/auth.tsx'
import { I18nProvider } from './i18n/i18n.tsx'
import './app/styles.css'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <AuthProvider>
        <BrowserRouter>
          <Shell>
            <AppRoutes />
          </Shell>
        </BrowserRouter>
      </AuthProvider>
    </I18nProvider>
  </StrictMode>,
)
