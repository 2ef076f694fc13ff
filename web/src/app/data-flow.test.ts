// The web's data-flow rules, read from its sources with the TypeScript parser: hooks say what they depend on, and
// rendering writes nothing to storage.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { expect, test } from 'vitest'

const SRC = join(import.meta.dirname, '..')

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|\.d\.ts$/.test(entry.name) ? [path] : []
  })
}

function calls(file: string, visit: (call: ts.CallExpression, source: ts.SourceFile) => string | undefined) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const walk = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const said = visit(node, source)
      if (said) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart())
        found.push(`${relative(SRC, file)}:${line + 1} ${said}`)
      }
    }
    ts.forEachChild(node, walk)
  }
  walk(source)
  return found
}

const EFFECTS = new Set(['useEffect', 'useLayoutEffect', 'useInsertionEffect'])

test('every effect lists its dependencies, and none is silenced', () => {
  const found = sources().flatMap((file) =>
    calls(file, (call) =>
      ts.isIdentifier(call.expression) && EFFECTS.has(call.expression.text) && call.arguments.length < 2
        ? `${call.expression.text} without dependencies`
        : undefined,
    ),
  )
  const silenced = sources().filter((file) =>
    readFileSync(file, 'utf8').includes('biome-ignore lint/correctness/useExhaustiveDependencies'),
  )
  expect([...found, ...silenced.map((f) => `${relative(SRC, f)} silences useExhaustiveDependencies`)]).toEqual([])
})

/** A component (Capitalised) or hook (useX) whose body, not a callback inside it, holds the node. */
function renderingFunction(node: ts.Node): string | undefined {
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isFunctionDeclaration(at)) {
      const name = at.name?.text ?? ''
      return /^[A-Z]|^use[A-Z]/.test(name) ? name : undefined
    }
    if (ts.isArrowFunction(at) || ts.isFunctionExpression(at) || ts.isMethodDeclaration(at)) return undefined
  }
  return undefined
}

test('no component or hook writes to storage while rendering', () => {
  const found = sources().flatMap((file) =>
    calls(file, (call) => {
      const callee = call.expression
      if (!ts.isPropertyAccessExpression(callee) || !['setItem', 'removeItem', 'clear'].includes(callee.name.text))
        return undefined
      if (!/^(localStorage|sessionStorage)$/.test(callee.expression.getText())) return undefined
      const inside = renderingFunction(call)
      return inside ? `${callee.getText()} while rendering ${inside}` : undefined
    }),
  )
  expect(found).toEqual([])
})
