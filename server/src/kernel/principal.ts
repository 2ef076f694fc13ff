// Who is calling: an account and its role, as a verified access token says. Services take it; only http/ reads it
// from a request.
export type UserRole = 'user' | 'organizer' | 'staff' | 'admin'

export interface Principal {
  userId: string
  role: UserRole
  /** Set when the account is a verified person (본인인증): their birth year, for entry rules without a lookup. */
  birthYear?: number
  /** Set when that person closed another account before: its places count toward per-person caps. */
  closedAccounts?: true
}

/**
 * The principal a token stands for, or a 401 AppError thrown. Synchronous: an HS256 check needs no I/O, and every
 * authenticated request makes one, so it should not cost a promise and a microtask turn (measured in a surge).
 */
export type AccessTokenVerifier = (token: string) => Principal
