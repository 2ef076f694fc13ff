// Pure decisions about uploaded bytes: which formats we accept and whether a file ends where its format says.
// Decoders ignore bytes after an image's end, which is how image/zip or image/HTML polyglots pass a decoder;
// the stored copy is always re-encoded, and on top of that we refuse such files outright.

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'avif'

export const CONTENT_TYPES: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
}

/** Widths a client may ask for with `?w=`; a fixed set, so nobody can make us store endless variants. */
export const VARIANT_WIDTHS = [160, 320, 640, 1024] as const

/** 50 megapixels: larger than any poster, far smaller than a decompression bomb's claimed size. */
export const MAX_INPUT_PIXELS = 50_000_000
/** Animated images decode every frame; this bounds their total work. */
export const MAX_FRAMES = 300

/** sharp's format name (AVIF is reported as HEIF with AV1 compression) → ours, or null when refused. */
export function acceptedFormat(format: string | undefined, compression: string | undefined): ImageFormat | null {
  if (format === 'jpeg' || format === 'png' || format === 'webp' || format === 'gif') return format
  if (format === 'heif' && compression === 'av1') return 'avif'
  return null
}

// Markup or script inside an image is what turns it into a polyglot that some browser or tool may execute.
// Markers are at least five bytes, so compressed pixel data matches one by chance about once in 10^5 large files.
const MARKERS = ['<script', '<html', '<!doctype', '<?php', '<iframe', 'javascript:'].map((m) =>
  Buffer.from(m, 'latin1'),
)

function containsMarkup(bytes: Buffer): boolean {
  const lower = Buffer.from(bytes)
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i]!
    if (c >= 0x41 && c <= 0x5a) lower[i] = c + 0x20
  }
  return MARKERS.some((m) => lower.includes(m))
}

/** ISO-BMFF (AVIF): the top-level boxes must tile the file exactly. */
function boxesTileFile(bytes: Buffer): boolean {
  let offset = 0
  while (offset < bytes.length) {
    if (offset + 8 > bytes.length) return false
    let size = bytes.readUInt32BE(offset)
    if (size === 1) {
      if (offset + 16 > bytes.length) return false
      const big = bytes.readBigUInt64BE(offset + 8)
      if (big > BigInt(bytes.length)) return false
      size = Number(big)
    } else if (size === 0) size = bytes.length - offset
    if (size < 8) return false
    offset += size
  }
  return offset === bytes.length
}

const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82])

/** True when the bytes end exactly where the format's own structure says the image ends. */
export function endsCleanly(format: ImageFormat, bytes: Buffer): boolean {
  switch (format) {
    case 'jpeg':
      return bytes.length >= 4 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9
    case 'png':
      return bytes.length >= 12 && bytes.subarray(bytes.length - 12).equals(PNG_IEND)
    case 'gif':
      return bytes[bytes.length - 1] === 0x3b
    case 'webp':
      return bytes.length >= 12 && bytes.readUInt32LE(4) + 8 === bytes.length
    case 'avif':
      return boxesTileFile(bytes)
  }
}

/** Null when the bytes are a plain image; otherwise why they are refused. */
export function polyglotProblem(format: ImageFormat, bytes: Buffer): string | null {
  if (!endsCleanly(format, bytes)) return 'The file has data after the end of the image'
  if (containsMarkup(bytes)) return 'The file contains markup or script'
  return null
}
