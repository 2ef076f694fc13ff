// `npm start` runs this first: builds the web app when web/dist is missing or older than its sources, else does
// nothing (a few milliseconds), so startup stays fast and never serves a stale UI.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

const web = new URL('..', import.meta.url).pathname
const built = join(web, 'dist', 'index.html')

function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(web, p)).filter(existsSync)
if (!existsSync(built) || Math.max(...sources.map(newest)) > statSync(built).mtimeMs) {
  if (
    !existsSync(join(web, 'node_modules', '.bin', 'vite')) &&
    !existsSync(join(web, '..', 'node_modules', '.bin', 'vite'))
  ) {
    process.stderr.write('web app not built and vite is not installed: the API runs without the web app\n')
    process.exit(0)
  }
  process.stdout.write('building the web app…\n')
  // A production build even when called from a test runner (NODE_ENV=test would build React's development copy).
  execFileSync('npm', ['run', 'build'], { cwd: web, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
}
