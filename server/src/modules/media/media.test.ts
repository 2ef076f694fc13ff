import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, signup } from '../../../test/factories.ts'
import { storages, type TestApp } from '../../../test/harness.ts'
import { createEvent, organizer, startCatalogApp } from '../catalog/catalog.test-fixtures.ts'
import { UPLOADS_PER_HOUR } from './media.routes.ts'

function multipart(bytes: Buffer, filename: string, field = 'file', type = 'application/octet-stream') {
  const boundary = `----trusticket${Date.now()}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n`),
    Buffer.from(`Content-Type: ${type}\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  return { payload: body, contentType: `multipart/form-data; boundary=${boundary}` }
}

const picture = (width = 320, height = 200) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 90 } } })
/** Random pixels do not compress: a file of a predictable size. */
const noise = (width: number, height: number) =>
  sharp(Buffer.from(Array.from({ length: width * height * 3 }, () => Math.floor(Math.random() * 256))), {
    raw: { width, height, channels: 3 },
  })

/** A real 1×1 PNG whose header claims 100000×100000 pixels, with a correct checksum: a decompression bomb. */
async function pixelBomb() {
  const png = Buffer.from(await picture(1, 1).png().toBuffer())
  png.writeUInt32BE(100_000, 16)
  png.writeUInt32BE(100_000, 20)
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29)
  return png
}

describe.each(storages)('media on %s', (storage) => {
  let app: TestApp
  let dir: string
  let token: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trusticket-media-'))
    app = await startCatalogApp(storage, { DATA_DIR: dir, UPLOAD_MAX_BYTES: '3000000' })
    token = (await organizer(app.http)).token
  })
  afterAll(async () => {
    await app.close()
    await rm(dir, { recursive: true, force: true })
  })

  const upload = (bytes: Buffer, filename = 'poster.bin', auth = token) => {
    const { payload, contentType } = multipart(bytes, filename)
    return app.http.inject({
      method: 'POST',
      url: '/api/media',
      payload,
      headers: { ...bearer(auth), 'content-type': contentType },
    })
  }

  it.each([
    ['JPEG', 'image/jpeg', () => picture().jpeg().toBuffer()],
    ['PNG', 'image/png', () => picture().png().toBuffer()],
    ['WebP', 'image/webp', () => picture().webp().toBuffer()],
    ['GIF', 'image/gif', () => picture().gif().toBuffer()],
    ['AVIF', 'image/avif', () => picture().avif().toBuffer()],
  ])('accepts a real %s, judged by its bytes whatever its name', async (_name, contentType, make) => {
    const r = await upload(await make(), 'misleading-name.txt')
    expect(r.statusCode).toBe(201)
    const view = r.json()
    expect(view).toMatchObject({ contentType, width: 320, height: 200 })
    expect(view.id).toMatch(/^[0-9a-f]{64}$/)
    expect(view.url).toBe(`/api/media/${view.id}`)
    const served = await app.http.inject({ url: view.url })
    expect(served.statusCode).toBe(200)
    expect(served.headers['content-type']).toBe(contentType)
    expect(served.rawPayload.length).toBe(view.bytes)
  })

  it('strips EXIF and GPS by re-encoding, keeping the picture', async () => {
    const withGps = await picture()
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret camera' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '37/1 33/1 59/1' } })
      .toBuffer()
    expect((await sharp(withGps).metadata()).exif).toBeDefined()
    const view = (await upload(withGps)).json()
    const stored = (await app.http.inject({ url: view.url })).rawPayload
    const meta = await sharp(stored).metadata()
    expect(meta.exif).toBeUndefined()
    expect(stored.includes(Buffer.from('secret camera'))).toBe(false)
    expect([meta.width, meta.height]).toEqual([320, 200])
  })

  it('stores content once: the same image uploaded twice has one id', async () => {
    const bytes = await picture(100, 100).png().toBuffer()
    const first = (await upload(bytes)).json()
    const second = (await upload(bytes)).json()
    expect(second.id).toBe(first.id)
  })

  it.each([
    [
      'a JPEG with a zip archive after it',
      async () => Buffer.concat([await picture().jpeg().toBuffer(), Buffer.from('PK\x03\x04 zip data here')]),
    ],
    [
      'a JPEG with HTML after it',
      async () => Buffer.concat([await picture().jpeg().toBuffer(), Buffer.from('<html><script>alert(1)</script>')]),
    ],
    [
      'a PNG with script in a text chunk',
      () =>
        picture()
          .png()
          .withMetadata()
          .withExif({ IFD0: { ImageDescription: '<script>alert(1)</script>' } })
          .toBuffer(),
    ],
    ['a decompression bomb', pixelBomb],
    ['a text file named .png', async () => Buffer.from('this is not a picture at all, only text')],
    ['an SVG', async () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')],
    ['a TIFF', () => picture().tiff().toBuffer()],
    ['a truncated JPEG', async () => (await picture().jpeg().toBuffer()).subarray(0, 300)],
    ['an empty file', async () => Buffer.alloc(0)],
  ])('refuses %s with 415', async (_what, make) => {
    const r = await upload(await make(), 'poster.png')
    expect(r.statusCode).toBe(415)
    expect(r.json().code).toBe('media.unsupported')
  })

  it('takes an image larger than the JSON body limit (1 MB)', async () => {
    const large = await noise(700, 700).png({ compressionLevel: 0 }).toBuffer()
    expect(large.length).toBeGreaterThan(1024 * 1024)
    const r = await upload(large)
    expect(r.statusCode).toBe(201)
    expect(r.json()).toMatchObject({ width: 700, height: 700, contentType: 'image/png' })
  })

  it('refuses a file over UPLOAD_MAX_BYTES with 413, and a body that is not multipart with 415', async () => {
    const big = await noise(1000, 1000).png({ compressionLevel: 0 }).toBuffer()
    expect(big.length).toBeGreaterThan(3_000_000)
    const r = await upload(big)
    expect(r.statusCode).toBe(413)
    expect(r.json().code).toBe('media.too_large')
    const json = await app.http.inject({
      method: 'POST',
      url: '/api/media',
      payload: { file: 'x' },
      headers: bearer(token),
    })
    expect(json.statusCode).toBe(415)
  })

  it('takes uploads from organizers only, and only in the field "file"', async () => {
    const fan = await signup(app.http)
    expect((await upload(await picture().png().toBuffer(), 'a.png', fan.accessToken)).statusCode).toBe(403)
    const { payload, contentType } = multipart(await picture().png().toBuffer(), 'a.png', 'image')
    const wrongField = await app.http.inject({
      method: 'POST',
      url: '/api/media',
      payload,
      headers: { ...bearer(token), 'content-type': contentType },
    })
    expect(wrongField.statusCode).toBe(400)
  })

  it('serves images immutably with an ETag, and 304 to a client that has them', async () => {
    const view = (await upload(await picture().webp().toBuffer())).json()
    const first = await app.http.inject({ url: view.url })
    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(first.headers.etag).toBe(`"${view.id}"`)
    const again = await app.http.inject({ url: view.url, headers: { 'if-none-match': first.headers.etag as string } })
    expect(again.statusCode).toBe(304)
    expect(again.rawPayload.length).toBe(0)
    expect((await app.http.inject({ url: `/api/media/${'0'.repeat(64)}` })).statusCode).toBe(404)
    expect((await app.http.inject({ url: '/api/media/..%2F..%2Fetc%2Fpasswd' })).statusCode).toBe(400)
  })

  it('makes resized WebP copies for the allowed widths only, never larger than the original', async () => {
    const view = (await upload(await picture(1200, 800).jpeg().toBuffer())).json()
    const small = await app.http.inject({ url: `${view.url}?w=320` })
    expect(small.statusCode).toBe(200)
    expect(small.headers['content-type']).toBe('image/webp')
    expect(small.headers.etag).toBe(`"${view.id}-w320"`)
    expect(await sharp(small.rawPayload).metadata()).toMatchObject({ format: 'webp', width: 320, height: 213 })
    const again = await app.http.inject({ url: `${view.url}?w=320` })
    expect(again.rawPayload.equals(small.rawPayload)).toBe(true)
    expect((await app.http.inject({ url: `${view.url}?w=333` })).statusCode).toBe(400)
    const tiny = (await upload(await picture(100, 50).png().toBuffer())).json()
    const notEnlarged = await app.http.inject({ url: `${tiny.url}?w=1024` })
    expect((await sharp(notEnlarged.rawPayload).metadata()).width).toBe(100)
  })

  it('gives an event its poster URL', async () => {
    const poster = (await upload(await picture(600, 848).webp().toBuffer())).json()
    const event = await createEvent(app, token, { posterMediaId: poster.id })
    expect(event.posterUrl).toBe(poster.url)
    expect(event.posterMediaId).toBe(poster.id)
  })
})

describe('uploads per organizer', () => {
  it('stop at the hour’s cap with 429 and Retry-After, for that organizer only', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'trusticket-media-cap-'))
    const app = await startCatalogApp('pglite', { DATA_DIR: dir, RATE_LIMITS: 'on' })
    try {
      const [busy, other] = [await organizer(app.http), await organizer(app.http)]
      const upload = async (who: { token: string }) => {
        const { payload, contentType } = multipart(await picture().png().toBuffer(), 'p.png')
        return app.http.inject({
          method: 'POST',
          url: '/api/media',
          payload,
          headers: { ...bearer(who.token), 'content-type': contentType },
        })
      }
      // An hour's worth already uploaded, counted where the route counts it.
      for (let i = 0; i < UPLOADS_PER_HOUR.limit; i++)
        await app.hotPath.hit(`rl:media.upload.hour:${busy.id}`, UPLOADS_PER_HOUR.limit, UPLOADS_PER_HOUR.windowMs)
      const refused = await upload(busy)
      expect(refused.statusCode).toBe(429)
      expect(refused.headers['content-type']).toContain('application/problem+json')
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(60)
      expect((await upload(other)).statusCode).toBe(201)
    } finally {
      await app.close()
      await rm(dir, { recursive: true, force: true })
    }
  })
})
