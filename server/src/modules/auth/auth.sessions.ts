// Ended sessions, checked on every authenticated request without I/O. An access token names its login (`sid`) and
// its account's session version (`sv`); this process keeps, for the access-token lifetime, the logins ended and
// each account's lowest valid version. An ending is written to the database, applied here at once, and published
// on the hot path so every other process applies it within milliseconds; each process also reads the recent
// endings every few seconds, so a message lost while Redis was away delays an ending, never forgets it.
import { gt } from 'drizzle-orm'
import type { Db, DbOrTx } from '../../adapters/db/database.ts'
import type { HotPath } from '../../adapters/hot-path/hot-path.ts'
import type { Clock } from '../../kernel/clock.ts'
import { authRevocations } from './auth.tables.ts'

export type Revocation = { userId: string; familyId: string } | { userId: string; minVersion: number }

const CHANNEL = 'auth.revocations'

export interface SessionRegistryDeps {
  db: Db
  hotPath: HotPath
  clock: Clock
  /** How long an ending matters: the access tokens' lifetime. */
  ttlMs: number
  /** How often the database is read for endings a lost message did not bring. */
  pollMs?: number
  onError?: (error: unknown) => void
}

export function createSessionRegistry(deps: SessionRegistryDeps) {
  const { db, hotPath, clock, ttlMs } = deps
  const endedLogins = new Map<string, number>() // familyId → until (ms)
  const minVersions = new Map<string, { version: number; until: number }>()
  let unsubscribe: (() => Promise<void>) | undefined
  let timer: NodeJS.Timeout | undefined
  let polledUpTo: Date | undefined

  function apply(r: Revocation, at: number) {
    const until = at + ttlMs
    if ('familyId' in r) {
      endedLogins.set(r.familyId, Math.max(endedLogins.get(r.familyId) ?? 0, until))
      return
    }
    const known = minVersions.get(r.userId)
    if (!known || known.version < r.minVersion) minVersions.set(r.userId, { version: r.minVersion, until })
    else known.until = Math.max(known.until, until)
  }

  function sweep(now: number) {
    for (const [id, until] of endedLogins) if (until <= now) endedLogins.delete(id)
    for (const [id, v] of minVersions) if (v.until <= now) minVersions.delete(id)
  }

  async function catchUp() {
    const now = clock.now()
    // Overlapping windows: a transaction that committed late is still read; applying twice changes nothing.
    const since = new Date(Math.max(now.getTime() - ttlMs, (polledUpTo?.getTime() ?? 0) - 60_000))
    const rows = await db.select().from(authRevocations).where(gt(authRevocations.createdAt, since))
    for (const row of rows) {
      const at = row.createdAt.getTime()
      if (row.familyId) apply({ userId: row.userId, familyId: row.familyId }, at)
      else if (row.minVersion !== null) apply({ userId: row.userId, minVersion: row.minVersion }, at)
    }
    polledUpTo = now
    sweep(now.getTime())
  }

  return {
    /** True when the login or the account's version the token names has been ended. Synchronous and I/O-free. */
    isEnded(userId: string, familyId: string, version: number): boolean {
      if (endedLogins.has(familyId)) return true
      const min = minVersions.get(userId)
      return min !== undefined && version < min.version
    },

    /** Records endings in `tx` (the change that ends them); call `announce` with them once it committed. */
    async record(tx: DbOrTx, revocations: Revocation[]) {
      if (revocations.length === 0) return
      const createdAt = clock.now()
      await tx.insert(authRevocations).values(
        revocations.map((r) => ({
          userId: r.userId,
          familyId: 'familyId' in r ? r.familyId : null,
          minVersion: 'minVersion' in r ? r.minVersion : null,
          createdAt,
        })),
      )
    },

    /** Applies committed endings here at once, then tells every other process. */
    async announce(revocations: Revocation[]) {
      const now = clock.now().getTime()
      for (const r of revocations) apply(r, now)
      if (revocations.length > 0) await hotPath.publish(CHANNEL, JSON.stringify(revocations)).catch(deps.onError)
    },

    async start() {
      unsubscribe = await hotPath.subscribe(CHANNEL, (message) => {
        const now = clock.now().getTime()
        for (const r of JSON.parse(message) as Revocation[]) apply(r, now)
      })
      await catchUp()
      timer = setInterval(() => void catchUp().catch(deps.onError), deps.pollMs ?? 5_000)
      timer.unref()
    },

    async stop() {
      clearInterval(timer)
      await unsubscribe?.()
    },
  }
}

export type SessionRegistry = ReturnType<typeof createSessionRegistry>
