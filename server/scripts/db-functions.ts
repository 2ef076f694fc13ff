// The second half of `npm run db:generate`: for each database function whose definition in code differs from the
// latest migration's, a new migration (drizzle-kit's custom migration, so the journal knows it) carrying it.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { MIGRATIONS_DIR } from '../src/adapters/db/database.ts'
import { DATABASE_FUNCTIONS, latestDefinition } from '../src/database-functions.ts'

const migrationFiles = () =>
  readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()

for (const fn of DATABASE_FUNCTIONS) {
  const texts = migrationFiles().map((f) => readFileSync(join(MIGRATIONS_DIR, f), 'utf8'))
  if (latestDefinition(texts, fn.name) === fn.definition) continue
  const before = new Set(migrationFiles())
  execFileSync('npx', ['drizzle-kit', 'generate', '--custom', `--name=${fn.name}_function`], { stdio: 'inherit' })
  const created = migrationFiles().find((f) => !before.has(f))
  if (!created) throw new Error(`drizzle-kit made no migration for ${fn.name}`)
  writeFileSync(join(MIGRATIONS_DIR, created), `-- ${fn.name}, as defined in code.\n${fn.definition}\n`)
  process.stdout.write(`${created}: ${fn.name}\n`)
}
