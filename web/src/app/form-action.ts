// Forms submit through React 19's useActionState: the action's result is the form's state (errors to show), and
// `pending` is true while it runs. The action is dispatched in a transition from onSubmit rather than given as the
// form's `action`, because a form action resets the form afterwards — controlled selects and radios included
// (react#30580, #31695) — and a fan who mistyped a password keeps the email they typed.
import { type FormEvent, startTransition, useActionState } from 'react'

export function useFormAction<S>(
  action: (previous: Awaited<S>, form: FormData) => Promise<S>,
  initial: Awaited<S>,
): [state: Awaited<S>, onSubmit: (event: FormEvent<HTMLFormElement>) => void, pending: boolean] {
  const [state, dispatch, pending] = useActionState<S, FormData>(action, initial)
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    startTransition(() => dispatch(form))
  }
  return [state, onSubmit, pending]
}
