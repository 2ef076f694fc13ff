// A labelled form field that shows its server validation error beside it (aria-invalid + aria-describedby).
import { type InputHTMLAttributes, type ReactNode, useId } from 'react'
import { type Translate, useI18n } from '../i18n/i18n.tsx'

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string
  error?: string | undefined
  hint?: ReactNode
  children?: ReactNode
  /** The id of a custom control passed as children. */
  htmlFor?: string
}

/** The server's validator speaks English; its common messages are said in the reader's language. */
const VALIDATION: [RegExp, string][] = [
  [/must NOT have fewer than (\d+) characters/, 'validation.min_length'],
  [/must NOT have more than (\d+) characters/, 'validation.max_length'],
  [/must have required property/, 'validation.required'],
  [/must be (integer|number)/, 'validation.number'],
  [/must match format "(date-time|email)"/, 'validation.format_$1'],
  [/must be >= (\d+)/, 'validation.min'],
  [/must be <= (\d+)/, 'validation.max'],
  [/must match pattern/, 'validation.required'],
]

export function validationMessage(message: string, t: Translate): string {
  for (const [pattern, key] of VALIDATION) {
    const m = pattern.exec(message)
    if (!m) continue
    // A count (a length, a minimum) is a number, so the message takes its plural form.
    const n = m[1] !== undefined && /^\d+$/.test(m[1]) ? Number(m[1]) : (m[1] ?? '')
    return t.lookup(key.replace('$1', m[1] ?? ''), { n }) ?? message
  }
  return message
}

export function Field({ label, error: raw, hint, children, htmlFor, ...input }: FieldProps) {
  const { t } = useI18n()
  const error = raw ? validationMessage(raw, t) : undefined
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
