// The route table. Each page is a separate chunk (React.lazy); the guard only needs the auth context.
import { lazy, type ReactNode, Suspense } from 'react'
import { Navigate, Route, Routes, useLocation } from 'react-router'
import type { Role } from '../api/types.ts'
import { useAuth } from '../features/account/auth.tsx'
import { useI18n } from '../i18n/i18n.tsx'
import { Loading } from './states.tsx'

const HomePage = lazy(() => import('../features/catalog/home-page.tsx'))
const SearchPage = lazy(() => import('../features/catalog/search-page.tsx'))
const EventPage = lazy(() => import('../features/catalog/event-page.tsx'))
const QueuePage = lazy(() => import('../features/queue/queue-page.tsx'))
const BookingsPage = lazy(() => import('../features/booking/bookings-page.tsx'))
const BookingPage = lazy(() => import('../features/booking/booking-page.tsx'))
const LoginPage = lazy(() => import('../features/account/login-page.tsx'))
const SignupPage = lazy(() => import('../features/account/signup-page.tsx'))
const AccountPage = lazy(() => import('../features/account/account-page.tsx'))
const OrganizerPage = lazy(() => import('../features/organizer/organizer-page.tsx'))
const EventFormPage = lazy(() => import('../features/organizer/event-form-page.tsx'))
const DashboardPage = lazy(() => import('../features/organizer/dashboard-page.tsx'))
const AdminPage = lazy(() => import('../features/admin/admin-page.tsx'))
const GatePage = lazy(() => import('../features/gate/gate-page.tsx'))

/** Pages that need a login (and optionally a role) send the visitor to log in and come back. */
function Guard({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { user, loading } = useAuth()
  const { t } = useI18n()
  const location = useLocation()
  if (loading) return <Loading />
  if (!user) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
  if (roles && !roles.includes(user.role)) return <p className="state error">{t('error.forbidden')}</p>
  return children
}

export function AppRoutes() {
  const { t } = useI18n()
  const organizer: Role[] = ['organizer', 'admin']
  return (
    <Suspense fallback={<Loading />}>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/search" element={<SearchPage />} />
        <Route path="/events/:id" element={<EventPage />} />
        <Route
          path="/events/:id/queue"
          element={
            <Guard>
              <QueuePage />
            </Guard>
          }
        />
        <Route
          path="/bookings"
          element={
            <Guard>
              <BookingsPage />
            </Guard>
          }
        />
        <Route
          path="/bookings/:id"
          element={
            <Guard>
              <BookingPage />
            </Guard>
          }
        />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/signup" element={<SignupPage />} />
        <Route
          path="/account"
          element={
            <Guard>
              <AccountPage />
            </Guard>
          }
        />
        <Route
          path="/organizer"
          element={
            <Guard roles={organizer}>
              <OrganizerPage />
            </Guard>
          }
        />
        <Route
          path="/organizer/events/new"
          element={
            <Guard roles={organizer}>
              <EventFormPage />
            </Guard>
          }
        />
        <Route
          path="/organizer/events/:id/edit"
          element={
            <Guard roles={organizer}>
              <EventFormPage />
            </Guard>
          }
        />
        <Route
          path="/organizer/events/:id"
          element={
            <Guard roles={organizer}>
              <DashboardPage />
            </Guard>
          }
        />
        <Route
          path="/admin"
          element={
            <Guard roles={['admin']}>
              <AdminPage />
            </Guard>
          }
        />
        <Route
          path="/gate"
          element={
            <Guard roles={['staff', 'admin']}>
              <GatePage />
            </Guard>
          }
        />
        <Route path="*" element={<p className="state">{t('error.page_not_found')}</p>} />
      </Routes>
    </Suspense>
  )
}
