// Who is logged in, for the whole app. On load, a stored refresh token silently restores the session.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { api, isApiError } from '../../api/client.ts'
import { clearTokens, currentAccessToken, onSessionEnded, saveTokens, storedRefreshToken } from '../../api/session.ts'
import type { Session, User } from '../../api/types.ts'

interface Auth {
  user: User | null
  /** True until the first check of a stored login finished. */
  loading: boolean
  login(email: string, password: string): Promise<User>
  signup(email: string, password: string, name: string): Promise<User>
  logout(): Promise<void>
  /** Ends every login of the account, on every device, this one included. */
  logoutEverywhere(): Promise<void>
  /** 회원탈퇴: closes the account after the server checked its password. */
  closeAccount(password: string): Promise<void>
  /** After 본인인증: a fresh access token (it carries the verified person) and the account as it is now. */
  refreshUser(): Promise<void>
}

const AuthContext = createContext<Auth | null>(null)

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null>(null)
  const [loading, setLoading] = useState(() => storedRefreshToken() !== null)

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const off = onSessionEnded(() => {
      setUser(null)
      setLoading(false)
    })
    // Only a refused login logs out. A busy or unreachable server (a sale opening) is retried with backoff, so a
    // fan who reloads the queue page is never sent to the login form by a 503.
    const restore = (attempt: number) => {
      if (!storedRefreshToken()) return setLoading(false)
      api<User>('/api/me').then(
        (me) => {
          setUser(me)
          setLoading(false)
        },
        (error) => {
          if (isApiError(error) && error.status === 401) {
            setUser(null)
            setLoading(false)
          } else timer = setTimeout(() => restore(attempt + 1), Math.min(10_000, 1000 * 2 ** attempt))
        },
      )
    }
    restore(0)
    return () => {
      off()
      clearTimeout(timer)
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
      logoutEverywhere: async () => {
        await api('/api/auth/logout-all', { method: 'POST' })
        clearTokens()
        setUser(null)
      },
      closeAccount: async (password) => {
        await api('/api/me', { method: 'DELETE', body: { password } })
        clearTokens()
        setUser(null)
      },
      refreshUser: async () => {
        await currentAccessToken(true)
        setUser(await api<User>('/api/me'))
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
