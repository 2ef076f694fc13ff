// A labelled form field that shows its server validation error beside it (aria-invalid + aria-describedby).
import { type InputHTMLAttributes, type ReactNode, useId } from 'react'

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string
  error?: string | undefined
  hint?: ReactNode
  children?: ReactNode
  /** The id of a custom control passed as children. */
  htmlFor?: string
}

export function Field({ label, error, hint, children, htmlFor, ...input }: FieldProps) {
  const generated = useId()
  const id = htmlFor ?? generated
  const described = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field ${error ? 'invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children ?? <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />}
      {hint && (
        <small id={`${id}-hint`} className="muted">
          {hint}
        </small>
      )}
      {error && (
        <small id={`${id}-err`} className="error-text">
          {error}
        </small>
      )}
    </div>
  )
}
