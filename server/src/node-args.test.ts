// The server's Node.js flags are written in three places that cannot import them; they must not drift apart.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SERVER_NODE_ARGS } from './node-args.ts'

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

describe('server Node.js flags', () => {
  it('are the same in npm start, npm run dev and the Dockerfile', () => {
    const scripts = JSON.parse(read('../package.json')).scripts as Record<string, string>
    expect(scripts.start).toBe(`node ${SERVER_NODE_ARGS.join(' ')} src/main.ts`)
    expect(scripts.dev).toBe(`node --watch ${SERVER_NODE_ARGS.join(' ')} src/main.ts`)
    const cmd = /^CMD (\[.*\])$/m.exec(read('../../deploy/Dockerfile'))?.[1]
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...SERVER_NODE_ARGS, 'server/src/main.ts'])
  })
})
