// Operator commands on the configured database (the same variables as the server; with the embedded database the
// server must be stopped first, since DATA_DIR is locked to one process):
//   npm run admin -- create <email> [--name <name>] [--password-stdin]
// makes <email> an admin, creating the account if needed. Without --password-stdin a random password is made and
// printed once; with it, the password is read from standard input (so it never shows in the shell's history).
import { randomBytes } from 'node:crypto'
import { text } from 'node:stream/consumers'
import { parseArgs } from 'node:util'
import { createInProcessHotPath } from './adapters/hot-path/in-process.ts'
import { openDatabase } from './app.ts'
import { ConfigError, parseConfig } from './config.ts'
import { systemClock } from './kernel/clock.ts'
import { newId } from './kernel/ids.ts'
import { createAuth, OWASP_ARGON2ID } from './modules/auth/index.ts'
import { identityPorts } from './modules/identity/index.ts'

const USAGE = 'usage: npm run admin -- create <email> [--name <name>] [--password-stdin]'

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { name: { type: 'string', default: 'Administrator' }, 'password-stdin': { type: 'boolean' } },
  })
  const [command, email] = positionals
  if (command !== 'create' || !email || positionals.length > 2) throw new UsageError(USAGE)
  const generated = !values['password-stdin']
  const password = generated ? randomBytes(15).toString('base64url') : (await text(process.stdin)).trim()
  const config = parseConfig(process.env)
  const { database, unlock } = await openDatabase(config)
  try {
    const auth = await createAuth({
      db: database.db,
      clock: systemClock,
      newId,
      rateLimit: async () => {},
      hotPath: createInProcessHotPath(systemClock),
      throttleLogins: false,
      hashing: OWASP_ARGON2ID,
      identity: identityPorts,
    })
    const admin = await auth.service.ensureAdmin(email, password, values.name)
    await auth.stop()
    process.stdout.write(`admin ${admin.email} (${admin.id}) is ready\n`)
    if (generated) process.stdout.write(`password (shown once): ${password}\n`)
  } finally {
    await database.close()
    unlock()
  }
}

class UsageError extends Error {}

try {
  await main(process.argv.slice(2))
} catch (error) {
  const known = error instanceof ConfigError || error instanceof UsageError
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(known ? 2 : 1)
}
