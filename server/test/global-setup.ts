// Says loudly which storage suites run. In CI a missing PostgreSQL or Redis is a failure, not a silent skip.
export default function setup() {
  const suites = [
    ['TEST_DATABASE_URL', 'PostgreSQL'],
    ['TEST_REDIS_URL', 'Redis'],
  ] as const
  const missing = suites.filter(([name]) => !process.env[name])
  for (const [name, what] of missing) {
    process.stderr.write(
      `\n!!! ${what} suites are NOT running: set ${name} (see .ci/run). Only the embedded-database suites run.\n`,
    )
  }
  if (!process.env.TEST_IMAGE)
    process.stderr.write(
      '\n!!! The image suite is NOT running: set TEST_IMAGE=1 to build and run deploy/Dockerfile with podman (CI does).\n',
    )
  if (process.env.CI && !process.env.TEST_IMAGE) throw new Error('CI must run the image suite: set TEST_IMAGE=1')
  if (process.env.CI && missing.length > 0) {
    throw new Error(`CI must run every storage suite; missing ${missing.map(([n]) => n).join(', ')}`)
  }
}
