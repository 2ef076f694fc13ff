// Admin: change an account's role. The API offers only PATCH /api/admin/users/:id (no list or lookup by email),
// so the admin enters the account id (shown to the user on their own page as their id).
import { type FormEvent, useState } from 'react'
import { ApiError, api } from '../../api/client.ts'
import type { Role, User } from '../../api/types.ts'
import { Field } from '../../app/field.tsx'
import { errorMessage } from '../../app/states.tsx'
import { useI18n } from '../../i18n/i18n.tsx'

const ROLES: Role[] = ['user', 'organizer', 'staff', 'admin']

export default function AdminPage() {
  const { t } = useI18n()
  const [userId, setUserId] = useState('')
  const [role, setRole] = useState<Role>('organizer')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [fieldError, setFieldError] = useState<string | undefined>()
  const [changed, setChanged] = useState<User[]>([])

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    setFieldError(undefined)
    try {
      const user = await api<User>(`/api/admin/users/${encodeURIComponent(userId.trim())}`, {
        method: 'PATCH',
        body: { role },
      })
      setChanged((list) => [user, ...list.filter((u) => u.id !== user.id)])
      setUserId('')
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setFieldError(t('admin.no_such_user'))
      else if (err instanceof ApiError && err.errors.length) setFieldError(Object.values(err.fieldErrors())[0])
      else setError(err)
    }
    setBusy(false)
  }

  return (
    <div className="page narrow">
      <h1>{t('admin.title')}</h1>
      <p className="muted">{t('admin.explain')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <Field
          label={t('admin.user_id')}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          required
          error={fieldError}
        />
        <Field label={t('admin.role')} htmlFor="role">
          <select id="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {error !== null && (
          <p className="error-text" role="alert">
            {errorMessage(error, t)}
          </p>
        )}
        <button type="submit" className="button" disabled={busy || !userId.trim()}>
          {t('admin.change_role')}
        </button>
      </form>
      {changed.length > 0 && (
        <table className="table">
          <caption>{t('admin.changed')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('account.name')}</th>
              <th scope="col">{t('account.email')}</th>
              <th scope="col">{t('admin.role')}</th>
            </tr>
          </thead>
          <tbody>
            {changed.map((u) => (
              <tr key={u.id}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{t(`role.${u.role}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  )
}
