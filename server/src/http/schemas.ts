// Schema pieces shared by every module's routes.
import { Type } from 'typebox'

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
export const Timestamp = Type.String({ format: 'date-time' })
export const Cursor = Type.String({ minLength: 1, maxLength: 512 })
export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
export const bearer = [{ bearer: [] }]

/**
 * One of a fixed list of strings or integers, as `{ type, enum }`: the type lets query strings be coerced and
 * responses serialised fast, and the list is the TypeScript union (`as const` arrays keep one source).
 */
export function OneOf<const T extends readonly (string | number)[]>(values: T, options: { description?: string } = {}) {
  const type = values.every((v) => typeof v === 'number') ? 'integer' : 'string'
  return Type.Unsafe<T[number]>({ type, enum: [...values], ...options })
}
