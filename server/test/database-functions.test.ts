// Database functions are code: each is defined once in its module, and migrations are generated from it. A change
// to a definition without `npm run db:generate` fails here, as does a migration edited by hand after the fact.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS_DIR } from '../src/adapters/db/database.ts'
import { DATABASE_FUNCTIONS, latestDefinition } from '../src/database-functions.ts'

const migrations = readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .map((f) => readFileSync(join(MIGRATIONS_DIR, f), 'utf8'))

describe('database functions', () => {
  it.each(DATABASE_FUNCTIONS.map((fn) => [fn.name, fn]))(
    '%s: the latest migration defines it exactly as its module does',
    (_name, fn) => {
      expect(latestDefinition(migrations, fn.name)).toBe(fn.definition)
    },
  )

  it('reads the last definition of a function across migrations, and none of another', () => {
    const v = (n: number) => `CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql AS $$ SELECT ${n} $$;`
    const texts = [`${v(1)}\n${v(2)}`, 'ALTER TABLE t ADD c int;', `-- again\n${v(3)}\nCREATE INDEX i ON t (c);`]
    expect(latestDefinition(texts, 'f')).toBe(v(3))
    expect(latestDefinition(texts, 'g')).toBeNull()
  })
})
