// Blobs as files under a directory (DATA_DIR/media). Writes go to a temporary file and are renamed into place,
// so a reader never sees half an object; the content type sits in a small sidecar file.
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { assertBlobKey, type BlobStore } from './blob-store.ts'

export function createLocalDiskBlobStore(root: string): BlobStore {
  const pathOf = (key: string) => {
    assertBlobKey(key)
    return join(root, key)
  }
  const atomicWrite = async (path: string, data: Buffer | string) => {
    const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
    await writeFile(tmp, data)
    await rename(tmp, path)
  }
  return {
    kind: 'local-disk',
    async put(key, bytes, contentType) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true })
      // The sidecar first: once the object exists, its type is always readable.
      await atomicWrite(`${path}.type`, contentType)
      await atomicWrite(path, bytes)
    },
    async get(key) {
      const path = pathOf(key)
      try {
        const [bytes, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, 'utf8')])
        return { bytes, contentType }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async has(key) {
      try {
        return (await stat(pathOf(key))).isFile()
      } catch {
        return false
      }
    },
  }
}
