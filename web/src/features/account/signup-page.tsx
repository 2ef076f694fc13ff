import { AccountForm } from './account-form.tsx'

export default function SignupPage() {
  return <AccountForm mode="signup" />
}
