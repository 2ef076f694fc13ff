import { AccountForm } from './account-form.tsx'

export default function LoginPage() {
  return <AccountForm mode="login" />
}
