// Where uploaded bytes live: content-addressed objects with a content type, like an object store's API,
// so an S3-compatible implementation can replace the local disk without touching the media module.
export interface StoredBlob {
  bytes: Buffer
  contentType: string
}

export interface BlobStore {
  readonly kind: 'local-disk'
  /** Stores `bytes` under `key`; storing the same key again is harmless (keys name their content). */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>
  get(key: string): Promise<StoredBlob | null>
  has(key: string): Promise<boolean>
}

/** Keys are paths of safe segments; anything else is a bug in the caller, never user input reaching the disk. */
export const BLOB_KEY = /^[a-z0-9-]+(\/[A-Za-z0-9._-]+)*$/

export function assertBlobKey(key: string) {
  if (!BLOB_KEY.test(key) || key.includes('..')) throw new Error(`invalid blob key: ${key}`)
}
