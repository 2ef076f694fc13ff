// Who is logged in, for the whole app. On load, a stored refresh token silently restores the session.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { api } from '../../api/client.ts'
import { clearTokens, onSessionEnded, saveTokens, storedRefreshToken } from '../../api/session.ts'
import type { Session, User } from '../../api/types.ts'

interface Auth {
  user: User | null
  /** True until the first check of a stored login finished. */
  loading: boolean
  login(email: string, password: string): Promise<User>
  signup(email: string, password: string, name: string): Promise<User>
  logout(): Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null)
  const [loading, setLoading] = useState(() => storedRefreshToken() !== null)

  useEffect(() => {
    const off = onSessionEnded(() => setUser(null))
    if (storedRefreshToken())
      api<User>('/api/me')
        .then(setUser)
        .catch(() => setUser(null))
        .finally(() => setLoading(false))
    return () => {
      off()
    }
  }, [])

  const start = useCallback((session: Session) => {
    saveTokens(session)
    setUser(session.user)
    return session.user
  }, [])

  const value = useMemo<Auth>(
    () => ({
      user,
      loading,
      login: async (email, password) =>
        start(await api<Session>('/api/auth/login', { body: { email, password }, auth: false })),
      signup: async (email, password, name) =>
        start(await api<Session>('/api/auth/signup', { body: { email, password, name }, auth: false })),
      logout: async () => {
        const refreshToken = storedRefreshToken()
        clearTokens()
        setUser(null)
        if (refreshToken) await api('/api/auth/logout', { body: { refreshToken }, auth: false }).catch(() => undefined)
      },
    }),
    [user, loading, start],
  )
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>
}

export function useAuth(): Auth {
  const ctx = useContext(AuthContext)
  if (!ctx) throw new Error('useAuth outside AuthProvider')
  return ctx
}
