// Reads the configuration, composes the roles this process runs, listens, and stops gracefully on a signal.
import { performance } from 'node:perf_hooks'
import { composeApp } from './app.ts'
import { ConfigError, parseConfig } from './config.ts'

const started = performance.now()
try {
  // `--demo` (the README's `npm start`) asks for demo data unless SEED_DEMO says otherwise.
  const env = process.argv.includes('--demo') ? { SEED_DEMO: '1', ...process.env } : process.env
  const config = parseConfig(env)
  const app = await composeApp(config)
  await app.http.listen({ port: config.port, host: config.host })
  await app.start()
  const address = app.http.server.address()
  const port = typeof address === 'object' && address ? address.port : config.port
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  const lines = [
    '',
    `  Trusticket is running at ${url}`,
    `  roles: ${config.roles.join(', ')} · database: ${app.database.kind}${config.databaseUrl ? '' : ` (${config.dataDir})`} · ready in ${Math.round(performance.now() - started)} ms`,
    `  API docs: ${url}/docs`,
    ...(app.demoLogins.length > 0
      ? [
          `  demo logins (made for this data directory, kept in ${config.dataDir}/demo-logins.json):`,
          ...app.demoLogins.map((d) => `    ${d.role.padEnd(10)} ${d.email} / ${d.password}`),
        ]
      : []),
    ...config.warnings.map((w) => `  WARNING: ${w}`),
    '',
  ]
  process.stdout.write(`${lines.join('\n')}\n`)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.http.log.info({ signal }, 'stopping')
    const force = setTimeout(() => process.exit(1), 15_000)
    force.unref()
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
} catch (error) {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`)
  else process.stderr.write(`Trusticket could not start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
}
