// The contract every BlobStore implementation keeps; a new implementation (S3 …) joins the list below.
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BlobStore } from './blob-store.ts'
import { createLocalDiskBlobStore } from './local-disk.ts'

const implementations: [string, () => Promise<{ store: BlobStore; cleanup: () => Promise<void> }>][] = [
  [
    'local-disk',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'trusticket-blobs-'))
      return { store: createLocalDiskBlobStore(dir), cleanup: () => rm(dir, { recursive: true, force: true }) }
    },
  ],
]

describe.each(implementations)('blob store: %s', (_name, make) => {
  let store: BlobStore
  let cleanup: () => Promise<void>
  beforeEach(async () => {
    ;({ store, cleanup } = await make())
  })
  afterEach(() => cleanup())

  it('returns what was put, with its content type', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x01])
    await store.put('originals/ab/abc123', bytes, 'image/jpeg')
    expect(await store.has('originals/ab/abc123')).toBe(true)
    expect(await store.get('originals/ab/abc123')).toEqual({ bytes, contentType: 'image/jpeg' })
  })

  it('answers null and false for a key never put', async () => {
    expect(await store.get('originals/zz/missing')).toBeNull()
    expect(await store.has('originals/zz/missing')).toBe(false)
  })

  it('lets the same key be put again, concurrently, and keeps one whole object', async () => {
    const bytes = Buffer.alloc(256 * 1024, 7)
    await Promise.all(Array.from({ length: 8 }, () => store.put('variants/aa/x/w320.webp', bytes, 'image/webp')))
    expect((await store.get('variants/aa/x/w320.webp'))?.bytes.equals(bytes)).toBe(true)
  })

  it('refuses keys that could leave its space', async () => {
    for (const key of ['../etc/passwd', 'originals/../../x', '/abs', 'a//b', '']) {
      await expect(store.put(key, Buffer.from('x'), 'text/plain')).rejects.toThrow()
    }
  })
})

describe('local-disk blob store', () => {
  it('leaves no temporary files behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trusticket-blobs-'))
    try {
      const store = createLocalDiskBlobStore(dir)
      await store.put('originals/ab/one', Buffer.from('1'), 'image/png')
      expect((await readdir(join(dir, 'originals/ab'))).sort()).toEqual(['one', 'one.type'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
