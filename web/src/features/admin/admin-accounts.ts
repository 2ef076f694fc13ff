// The admin's account list: newest first, filtered by a debounced search and a role, paged with the server's cursor.
// Answers to filters the admin has already moved on from are dropped: each list is keyed by its first page's path.
import { useEffect, useState } from 'react'
import { api } from '../../api/client.ts'
import type { Page, Role, User } from '../../api/types.ts'
import { useQuery } from '../../app/query.ts'

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

/** Later pages of one list, and the accounts changed in place since it loaded; `path` names the list's first page. */
interface Beyond {
  path: string
  items: AdminUser[]
  nextCursor: string | null
  more: 'idle' | 'loading' | 'error'
  moreError: unknown
  changed: ReadonlyMap<string, AdminUser>
}

export function useAccounts(filter: AccountFilter): AccountList & {
  retry(): void
  loadMore(): Promise<void>
  replace(user: AdminUser): void
} {
  const path = listPath(filter)
  const [first, retry] = useQuery(path, (signal) => api<Page<AdminUser>>(path, { signal }))
  const [held, setBeyond] = useState<Beyond | null>(null)
  // Another filter's pages and edits are not this list's.
  const beyond: Beyond | null =
    held?.path === path
      ? held
      : first.state === 'ready'
        ? { path, items: [], nextCursor: first.data.nextCursor, more: 'idle', moreError: null, changed: new Map() }
        : null
  const keep = (change: (b: Beyond) => Beyond) => setBeyond((b) => (b?.path === path ? change(b) : b))

  const loadMore = async () => {
    if (!beyond?.nextCursor || beyond.more === 'loading') return
    setBeyond({ ...beyond, more: 'loading', moreError: null })
    try {
      const page = await api<Page<AdminUser>>(listPath(filter, beyond.nextCursor))
      keep((b) => ({ ...b, items: [...b.items, ...page.items], nextCursor: page.nextCursor, more: 'idle' }))
    } catch (moreError) {
      keep((b) => ({ ...b, more: 'error', moreError }))
    }
  }
  const replace = (user: AdminUser) => {
    if (beyond) setBeyond({ ...beyond, changed: new Map(beyond.changed).set(user.id, user) })
  }

  const seen = new Set<string>()
  const items =
    first.state === 'ready'
      ? [...first.data.items, ...(beyond?.items ?? [])]
          // A role changed meanwhile can move an account across pages; never show it twice.
          .filter((u) => !seen.has(u.id) && seen.add(u.id))
          .map((u) => ({ ...u, ...beyond?.changed.get(u.id) }))
      : []
  return {
    items,
    nextCursor: beyond?.nextCursor ?? null,
    status: first.state === 'ready' ? 'ready' : first.state === 'error' ? 'error' : 'loading',
    error: first.state === 'error' ? first.error : null,
    more: beyond?.more ?? 'idle',
    moreError: beyond?.moreError ?? null,
    retry,
    loadMore,
    replace,
  }
}
