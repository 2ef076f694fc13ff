// The dependency rules. Modules meet only through their index.ts (a table may reference another module's table, a
// foreign key). The layers point one way: kernel ← adapters ← http ← modules ← roles/app; kernel, adapters and
// services know nothing of Fastify. Every error code is declared once, in an errors file.
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

const layer = (file: string) => relative(SRC, file).split('/')[0]!
const resolved = (file: string, target: string) => (target.startsWith('.') ? join(file, '..', target) : null)

describe('layers', () => {
  const sources = files(SRC).filter((f) => !f.endsWith('.test.ts') && !f.includes('test-fixtures'))
  const reaches = (from: string, forbidden: string[]) =>
    sources
      .filter((f) => layer(f) === from)
      .flatMap((f) =>
        imports(f)
          .map((t) => resolved(f, t))
          .filter((t): t is string => t !== null && forbidden.includes(layer(t)))
          .map((t) => `${relative(SRC, f)} → ${relative(SRC, t)}`),
      )

  it('keep the kernel free of every other layer', () => {
    expect(reaches('kernel', ['adapters', 'http', 'modules', 'roles', 'seed', 'app.ts'])).toEqual([])
  })

  it('keep adapters free of modules, the edge and roles', () => {
    expect(reaches('adapters', ['http', 'modules', 'roles', 'seed', 'app.ts'])).toEqual([])
  })

  it('keep the HTTP edge free of modules and roles', () => {
    expect(reaches('http', ['modules', 'roles', 'seed', 'app.ts'])).toEqual([])
  })

  it('keep modules free of roles and the composition', () => {
    expect(reaches('modules', ['roles', 'seed', 'app.ts'])).toEqual([])
  })

  it('keep Fastify out of the kernel and the adapters', () => {
    const offenders = sources
      .filter((f) => ['kernel', 'adapters'].includes(layer(f)))
      .filter((f) => imports(f).some((t) => t === 'fastify' || t.startsWith('@fastify/')))
    expect(offenders.map((f) => relative(SRC, f))).toEqual([])
  })
})

describe('error codes', () => {
  const sources = files(SRC).filter((f) => !f.endsWith('.test.ts'))
  const declaring = (f: string) => f.endsWith('.errors.ts') || f.endsWith('kernel/app-error.ts')
  // A code is the first argument of an AppError or of one of its factories, a dotted or snake_case literal.
  const CODE = /(?:new AppError|badRequest|unauthorized|forbidden|notFound|conflict)\(\s*'([a-z_.]+)'/g

  it('are written only in errors files', () => {
    const stray = sources
      .filter((f) => !declaring(f))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(CODE)].map((m) => `${relative(SRC, f)}: ${m[1]}`))
    expect(stray).toEqual([])
  })

  it('are each declared by one errors file', () => {
    const owners = new Map<string, string[]>()
    for (const f of sources.filter(declaring))
      for (const m of readFileSync(f, 'utf8').matchAll(CODE))
        owners.set(m[1]!, [...new Set([...(owners.get(m[1]!) ?? []), relative(SRC, f)])])
    expect([...owners].filter(([, by]) => by.length > 1)).toEqual([])
    expect(owners.size).toBeGreaterThan(30)
  })
})
