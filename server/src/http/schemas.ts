// Schema pieces shared by every module's routes.
import { Type } from 'typebox'

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false })
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 })
export const Timestamp = Type.String({ format: 'date-time' })
export const Cursor = Type.String({ minLength: 1, maxLength: 512 })
export const Limit = Type.Integer({ minimum: 1, maximum: 100, default: 20 })
export const bearer = [{ bearer: [] }]
