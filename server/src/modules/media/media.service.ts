// The media story: judge uploaded bytes by their content, re-encode them (which drops EXIF/GPS and anything hidden),
// store the result under its SHA-256, and serve resized WebP copies made once per allowed width.
import { createHash } from 'node:crypto'
import type { Metadata, OutputInfo, Sharp } from 'sharp'
import type { BlobStore } from '../../adapters/blob-store/blob-store.ts'
import { mediaNotFound, unsupportedMedia } from './media.errors.ts'
import {
  acceptedFormat,
  CONTENT_TYPES,
  type ImageFormat,
  MAX_FRAMES,
  MAX_INPUT_PIXELS,
  polyglotProblem,
} from './media.rules.ts'

export interface MediaView {
  id: string
  url: string
  contentType: string
  width: number
  height: number
  bytes: number
}

export interface MediaFile {
  bytes: Buffer
  contentType: string
  etag: string
}

const MEDIA_ID = /^[0-9a-f]{64}$/
const originalKey = (id: string) => `originals/${id.slice(0, 2)}/${id}`
const variantKey = (id: string, width: number) => `variants/${id.slice(0, 2)}/${id}/w${width}.webp`
/** sharp loads a native library (~0.5 s on a busy machine): only when the first image arrives, not at start. */
let sharpModule: Promise<typeof import('sharp')> | undefined
const loadSharp = async () => {
  sharpModule ??= import('sharp')
  return (await sharpModule).default
}

export const mediaUrl = (id: string) => `/api/media/${id}`
/** Ids name content, so the ETag follows from the request alone. */
export const mediaEtag = (id: string, width?: number) => (width === undefined ? `"${id}"` : `"${id}-w${width}"`)

function encoder(image: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case 'jpeg':
      return image.jpeg({ quality: 90, mozjpeg: true })
    case 'png':
      return image.png({ compressionLevel: 9 })
    case 'webp':
      return image.webp({ quality: 90, effort: 2 })
    case 'gif':
      return image.gif()
    case 'avif':
      return image.avif({ quality: 60, effort: 2 })
  }
}

export function createMediaService(deps: { blobs: BlobStore }) {
  const { blobs } = deps
  const making = new Map<string, Promise<Buffer>>() // one encoder per variant, however many ask at once

  async function ingest(upload: Buffer): Promise<MediaView> {
    let meta: Metadata
    try {
      meta = await (await loadSharp())(upload, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()
    } catch (error) {
      const pixelLimit = /pixel limit/i.test((error as Error).message)
      throw unsupportedMedia(pixelLimit ? 'The image has too many pixels' : undefined)
    }
    const format = acceptedFormat(meta.format, meta.compression)
    if (!format) throw unsupportedMedia()
    const problem = polyglotProblem(format, upload)
    if (problem) throw unsupportedMedia(problem)
    const frames = meta.pages ?? 1
    if (frames > MAX_FRAMES || (meta.width ?? 0) * (meta.pageHeight ?? meta.height ?? 0) * frames > MAX_INPUT_PIXELS) {
      throw unsupportedMedia('The animation has too many frames or pixels')
    }

    let output: { data: Buffer; info: OutputInfo }
    try {
      const animated = frames > 1 && (format === 'gif' || format === 'webp')
      // autoOrient bakes EXIF rotation into pixels before the metadata is dropped (sharp keeps none by default).
      const image = (await loadSharp())(upload, {
        limitInputPixels: MAX_INPUT_PIXELS,
        animated,
        failOn: 'error',
      }).autoOrient()
      output = await encoder(image, format).toBuffer({ resolveWithObject: true })
    } catch {
      throw unsupportedMedia('The image is damaged')
    }
    const id = createHash('sha256').update(output.data).digest('hex')
    const key = originalKey(id)
    if (!(await blobs.has(key))) await blobs.put(key, output.data, CONTENT_TYPES[format])
    return {
      id,
      url: mediaUrl(id),
      contentType: CONTENT_TYPES[format],
      width: output.info.width,
      height: output.info.pageHeight ?? output.info.height,
      bytes: output.data.length,
    }
  }

  async function variant(id: string, width: number): Promise<Buffer> {
    const key = variantKey(id, width)
    const stored = await blobs.get(key)
    if (stored) return stored.bytes
    let pending = making.get(key)
    if (!pending) {
      pending = (async () => {
        const original = await blobs.get(originalKey(id))
        if (!original) throw mediaNotFound()
        const bytes = await (await loadSharp())(original.bytes, { limitInputPixels: MAX_INPUT_PIXELS })
          .resize({ width, withoutEnlargement: true })
          .webp({ quality: 80 })
          .toBuffer()
        await blobs.put(key, bytes, 'image/webp')
        return bytes
      })().finally(() => making.delete(key))
      making.set(key, pending)
    }
    return pending
  }

  return {
    ingest,
    /** Stores an image this server drew itself (demo posters): no judging or re-encoding needed. Returns its id. */
    async storeOwn(bytes: Buffer, format: ImageFormat): Promise<string> {
      const id = createHash('sha256').update(bytes).digest('hex')
      const key = originalKey(id)
      if (!(await blobs.has(key))) await blobs.put(key, bytes, CONTENT_TYPES[format])
      return id
    },
    async exists(id: string) {
      return MEDIA_ID.test(id) && blobs.has(originalKey(id))
    },
    /** The stored image, or its WebP copy `width` pixels wide. */
    async read(id: string, width?: number): Promise<MediaFile> {
      if (!MEDIA_ID.test(id)) throw mediaNotFound()
      if (width === undefined) {
        const stored = await blobs.get(originalKey(id))
        if (!stored) throw mediaNotFound()
        return { bytes: stored.bytes, contentType: stored.contentType, etag: mediaEtag(id) }
      }
      return { bytes: await variant(id, width), contentType: 'image/webp', etag: mediaEtag(id, width) }
    },
  }
}

export type MediaService = ReturnType<typeof createMediaService>
