// The admin's account list: newest first, filtered by a debounced search and a role, paged with the server's cursor.
// A generation counter drops answers to filters the admin has already moved on from.
import { useCallback, useEffect, useRef, useState } from 'react'
import { api } from '../../api/client.ts'
import type { Page, Role, User } from '../../api/types.ts'

export interface AdminUser extends User {
  createdAt: string
  /** Disabled: cannot log in, and its logins have ended. */
  disabled: boolean
}

export interface AccountFilter {
  q: string
  role: Role | ''
}

interface AccountList {
  items: AdminUser[]
  nextCursor: string | null
  status: 'loading' | 'ready' | 'error'
  error: unknown
  more: 'idle' | 'loading' | 'error'
  moreError: unknown
}

const PAGE_SIZE = 20
/** Long enough that a typed word sends one request, short enough to feel immediate. */
export const SEARCH_DEBOUNCE_MS = 300

function listPath({ q, role }: AccountFilter, cursor?: string): string {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) })
  if (q.trim()) params.set('q', q.trim())
  if (role) params.set('role', role)
  if (cursor) params.set('cursor', cursor)
  return `/api/admin/users?${params}`
}

export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms)
    return () => clearTimeout(timer)
  }, [value, ms])
  return settled
}

export function useAccounts(filter: AccountFilter) {
  const [list, setList] = useState<AccountList>({
    items: [],
    nextCursor: null,
    status: 'loading',
    error: null,
    more: 'idle',
    moreError: null,
  })
  const [tick, setTick] = useState(0)
  const generation = useRef(0)
  const { q, role } = filter

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the retry trigger.
  useEffect(() => {
    const mine = ++generation.current
    const controller = new AbortController()
    setList((l) => ({ ...l, status: 'loading', error: null, more: 'idle', moreError: null }))
    api<Page<AdminUser>>(listPath({ q, role }), { signal: controller.signal }).then(
      (page) =>
        mine === generation.current &&
        setList({
          items: page.items,
          nextCursor: page.nextCursor,
          status: 'ready',
          error: null,
          more: 'idle',
          moreError: null,
        }),
      (error) => mine === generation.current && setList((l) => ({ ...l, items: [], status: 'error', error })),
    )
    return () => controller.abort()
  }, [q, role, tick])

  const retry = useCallback(() => setTick((n) => n + 1), [])

  const loadMore = useCallback(async () => {
    const cursor = list.nextCursor
    if (!cursor || list.more === 'loading') return
    const mine = generation.current
    setList((l) => ({ ...l, more: 'loading', moreError: null }))
    try {
      const page = await api<Page<AdminUser>>(listPath({ q, role }, cursor))
      if (mine !== generation.current) return
      setList((l) => ({
        ...l,
        // A role changed meanwhile can move an account across pages; never show it twice.
        items: [...l.items, ...page.items.filter((u) => !l.items.some((seen) => seen.id === u.id))],
        nextCursor: page.nextCursor,
        more: 'idle',
      }))
    } catch (moreError) {
      if (mine === generation.current) setList((l) => ({ ...l, more: 'error', moreError }))
    }
  }, [list.nextCursor, list.more, q, role])

  const replace = useCallback((user: AdminUser) => {
    setList((l) => ({ ...l, items: l.items.map((u) => (u.id === user.id ? { ...u, ...user } : u)) }))
  }, [])

  return { ...list, retry, loadMore, replace }
}
