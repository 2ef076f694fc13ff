// One account in the admin's list, with its role changed in place: pick, save, and see the server's answer beside it.
import { startTransition, useActionState, useId, useState } from 'react'
import { ApiError, api } from '../../api/client.ts'
import type { Role } from '../../api/types.ts'
import { errorMessage } from '../../app/states.tsx'
import { formatDate } from '../../format/format.ts'
import { useI18n } from '../../i18n/i18n.tsx'
import type { AdminUser } from './admin-accounts.ts'

export const ROLES: Role[] = ['user', 'organizer', 'staff', 'admin']

interface Props {
  user: AdminUser
  isMe: boolean
  onChanged(user: AdminUser): void
}

type Change = { role: Role } | { disabled: boolean }
interface Answer {
  role: Role | null
  saved: boolean
  error: unknown
}
const NO_ANSWER: Answer = { role: null, saved: false, error: null }

export function AccountRow({ user, isMe, onChanged }: Props) {
  const { t, lang } = useI18n()
  const id = useId()
  const [role, setRole] = useState<Role>(user.role)
  // The server's last answer, said while the picker still shows the role it was about.
  const [answer, patch, busy] = useActionState<Answer, Change>(async (_, body) => {
    try {
      const updated = await api<AdminUser>(`/api/admin/users/${encodeURIComponent(user.id)}`, {
        method: 'PATCH',
        body,
      })
      onChanged({ ...user, ...updated })
      setRole(updated.role)
      return { role: updated.role, saved: true, error: null }
    } catch (err) {
      // A refusal (4xx) means the account keeps its role: show that; a network or server failure keeps the choice to retry.
      const shown = err instanceof ApiError && err.status < 500 ? user.role : 'role' in body ? body.role : role
      setRole(shown)
      return { role: shown, saved: false, error: err }
    }
  }, NO_ANSWER)
  const current = !busy && answer.role === role
  const error = current ? answer.error : null
  const saved = current && answer.saved

  return (
    <li className="card padded account" data-user-id={user.id}>
      <div>
        <strong>{user.name}</strong>
        {isMe && <span className="badge"> {t('admin.me')}</span>}
        {user.disabled && <span className="badge danger"> {t('admin.disabled')}</span>}
        <p className="muted small">
          {user.email} · {t('admin.joined', { date: formatDate(user.createdAt, lang) })}
        </p>
      </div>
      <form
        className="row-actions"
        onSubmit={(e) => {
          e.preventDefault()
          startTransition(() => patch({ role }))
        }}
        noValidate
      >
        <label htmlFor={`${id}-role`} className="sr-only">
          {t('admin.role_of', { email: user.email })}
        </label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          aria-invalid={error && role !== user.role ? true : undefined}
          aria-describedby={error ? `${id}-err` : saved ? `${id}-ok` : undefined}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary" disabled={busy || role === user.role}>
          {busy ? t('admin.saving') : t('admin.save')}
          <span className="sr-only"> ({user.email})</span>
        </button>
        {!isMe && (
          <button
            type="button"
            className={`button ${user.disabled ? 'secondary' : 'danger'}`}
            disabled={busy}
            onClick={() => startTransition(() => patch({ disabled: !user.disabled }))}
          >
            {user.disabled ? t('admin.enable') : t('admin.disable')}
            <span className="sr-only"> ({user.email})</span>
          </button>
        )}
      </form>
      <div aria-live="polite">
        {error !== null && (
          <p id={`${id}-err`} className="error-text" role="alert">
            {errorMessage(error, t)}
          </p>
        )}
        {saved && (
          <p id={`${id}-ok`} className="muted small">
            {user.disabled ? t('admin.saved_disabled') : t('admin.saved', { role: t(`role.${user.role}`) })}
          </p>
        )}
      </div>
    </li>
  )
}
