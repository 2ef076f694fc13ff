// Every database function the modules own, for the migration generator and its check.
import type { DatabaseFunction } from './kernel/database-function.ts'
import { queueDrawFreeze, queueJoin, queueRegister } from './modules/queue/index.ts'

export const DATABASE_FUNCTIONS: readonly DatabaseFunction[] = [queueDrawFreeze, queueJoin, queueRegister]

/** The last `CREATE OR REPLACE FUNCTION name(…) … $$;` statement among the migrations, in order, or null. */
export function latestDefinition(migrations: readonly string[], name: string): string | null {
  let latest: string | null = null
  for (const text of migrations) {
    let at = text.indexOf(`CREATE OR REPLACE FUNCTION ${name}(`)
    while (at !== -1) {
      const end = text.indexOf('$$;', text.indexOf('$$', at) + 2)
      latest = text.slice(at, end + 3)
      at = text.indexOf(`CREATE OR REPLACE FUNCTION ${name}(`, end)
    }
  }
  return latest
}
