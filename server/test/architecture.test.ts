// Modules meet only through their index.ts. Exceptions: a table may reference another module's table (a foreign
// key), and tests may reach into fixtures. Nothing outside http/ may import Fastify into a service.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = new URL('../src', import.meta.url).pathname

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  )
}

const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]!)

describe('module boundaries', () => {
  const sources = files(join(SRC, 'modules')).filter((f) => !f.endsWith('.test.ts') && !f.includes('test-fixtures'))

  it('reach another module only through its index.ts', () => {
    const violations: string[] = []
    for (const file of sources) {
      const own = relative(join(SRC, 'modules'), file).split('/')[0]
      for (const target of imports(file)) {
        const match = /^\.\.\/(?:\.\.\/modules\/)?([a-z-]+)\/(.+)$/.exec(target)
        if (!match || match[1] === own || ['adapters', 'http', 'kernel'].includes(match[1]!)) continue
        const tableToTable = file.endsWith('.tables.ts') && match[2]!.endsWith('.tables.ts')
        if (match[2] !== 'index.ts' && !tableToTable) violations.push(`${relative(SRC, file)} → ${target}`)
      }
    }
    expect(violations).toEqual([])
  })

  it('keep services and rules free of Fastify', () => {
    const offenders = sources
      .filter((f) => /\.(service|rules|repository)\.ts$/.test(f))
      .filter((f) => imports(f).some((t) => t === 'fastify' || t.startsWith('@fastify/')))
    expect(offenders.map((f) => relative(SRC, f))).toEqual([])
  })

  it('read process.env only in config.ts and the entry points (main.ts, admin.ts)', () => {
    const readers = files(SRC)
      .filter((f) => !f.endsWith('.test.ts'))
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f))
    expect(readers.filter((f) => !['config.ts', 'main.ts', 'admin.ts'].includes(f))).toEqual([])
  })
})
