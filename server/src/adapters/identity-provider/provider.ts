// The identity-provider capability (본인인증): what the identity module needs from any provider. The browser only
// carries the provider's id of a finished verification; the server asks the provider itself what it certified.

/** What the provider certified, as much of it as we read: never the name or phone number. */
export interface Certification {
  providerVerificationId: string
  /** Our verification id, as sent to the provider when its window opened. */
  merchantUid: string
  /** False while the person has not finished, or when the carrier refused. */
  certified: boolean
  /**
   * The person's CI (연계정보): the same for one person at every merchant, so it deduplicates people. Never the DI
   * (`unique_in_site`), which differs per merchant id. Only a keyed hash of it is stored.
   */
  uniqueKey: string | null
  /** `YYYY-MM-DD`; only the year is kept. */
  birthDate: string | null
}

export interface IdentityProvider {
  readonly name: 'test' | 'portone'
  /** What the browser needs to open the provider's verification window for our verification `verificationId`. */
  start(request: { verificationId: string; userId: string }): Promise<Record<string, unknown>>
  /** The provider's record; GatewayError `not_found` when it has none. */
  lookup(providerVerificationId: string): Promise<Certification>
  /** Asks the provider to delete its copy of the person's data, once we have read what we keep. Best effort. */
  forget(providerVerificationId: string): Promise<void>
}
