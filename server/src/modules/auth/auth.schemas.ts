// Request and response shapes of the account API (JSON Schema via TypeBox; also the OpenAPI description and the
// TypeScript types the service returns).
import { type Static, Type } from 'typebox'
import { Cursor, Email, Id, Limit } from '../../http/schemas.ts'

const strict = { additionalProperties: false } as const

export const Role = Type.Union([
  Type.Literal('user'),
  Type.Literal('organizer'),
  Type.Literal('staff'),
  Type.Literal('admin'),
])
export const User = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: Role,
  createdAt: Type.String({ format: 'date-time' }),
  disabled: Type.Boolean({ description: 'Disabled by an admin: cannot log in, and its logins have ended' }),
})
export const Me = Type.Object({
  ...User.properties,
  identityVerified: Type.Boolean({ description: '본인인증 done: this account is linked to a verified person' }),
})
export const Tokens = Type.Object({ accessToken: Type.String(), refreshToken: Type.String() })
export const Session = Type.Object({ user: Me, accessToken: Type.String(), refreshToken: Type.String() })

const Password = Type.String({ minLength: 1, maxLength: 200 })
export const SignupBody = Type.Object(
  { email: Email, password: Password, name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }) },
  strict,
)
export const LoginBody = Type.Object({ email: Email, password: Password }, strict)
export const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) }, strict)
export const PasswordBody = Type.Object({ password: Password }, strict)
export const UserQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    role: Type.Optional(Role),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  strict,
)
export const UserList = Type.Object({ items: Type.Array(User), nextCursor: Type.Union([Type.String(), Type.Null()]) })
export const UserChange = Type.Object(
  { role: Type.Optional(Role), disabled: Type.Optional(Type.Boolean()) },
  { ...strict, minProperties: 1 },
)

export type UserView = Static<typeof User>
export type MeView = Static<typeof Me>
export type SessionView = Static<typeof Session>
export type SignupInput = Static<typeof SignupBody>
export type LoginInput = Static<typeof LoginBody>
export type UserFilter = Static<typeof UserQuery>
export type UserPage = Static<typeof UserList>
export type UserUpdate = Static<typeof UserChange>
