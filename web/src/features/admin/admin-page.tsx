// Admin: every account, newest first, found by email or name as you type and by role, each role changed in place.
import { useId, useState } from 'react'
import type { Role } from '../../api/types.ts'
import { Empty, ErrorState, errorMessage, Loading } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAuth } from '../account/auth.tsx'
import { AccountRow, ROLES } from './account-row.tsx'
import { SEARCH_DEBOUNCE_MS, useAccounts, useDebounced } from './admin-accounts.ts'
import './admin-page.css'

export default function AdminPage() {
  const { t } = useI18n()
  const { user: me } = useAuth()
  const id = useId()
  const [q, setQ] = useState('')
  const [role, setRole] = useState<Role | ''>('')
  const settledQ = useDebounced(q, SEARCH_DEBOUNCE_MS)
  const list = useAccounts({ q: settledQ, role })
  const filtered = settledQ.trim() !== '' || role !== ''

  return (
    <div className="page narrow">
      <h1>{t('admin.title')}</h1>
      <p className="muted">{t('admin.explain')}</p>
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet in React's JSX types; the role is equivalent. */}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('admin.search')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('admin.search_placeholder')}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>{t('admin.role_filter')}</label>
          <select id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('admin.all_roles')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
      </form>

      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && <ErrorState error={list.error} onRetry={list.retry} />}
      {list.status === 'ready' && list.items.length === 0 && (
        <Empty>{filtered ? t('admin.none_match') : t('admin.none')}</Empty>
      )}
      {list.status !== 'error' && list.items.length > 0 && (
        <ul className="rows" aria-label={t('admin.accounts')} aria-busy={list.status === 'loading'}>
          {list.items.map((u) => (
            <AccountRow key={u.id} user={u} isMe={u.id === me?.id} onChanged={list.replace} />
          ))}
        </ul>
      )}
      {list.more === 'error' && (
        <p className="error-text" role="alert">
          {errorMessage(list.moreError, t)}
        </p>
      )}
      {list.status === 'ready' && list.nextCursor && (
        <button
          type="button"
          className="button secondary wide"
          disabled={list.more === 'loading'}
          onClick={list.loadMore}
        >
          {list.more === 'loading' ? t('common.loading') : t('admin.more')}
        </button>
      )}
    </div>
  )
}
