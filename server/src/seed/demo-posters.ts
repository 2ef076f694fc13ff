// Posters for the demo catalog, drawn as SVG and rendered by sharp: nothing is downloaded. The machine may have no
// Korean font, so the artwork carries only Latin text (the English name where the event has one, the category and
// the date); the Korean title is the page's text next to it.
import { createHash } from 'node:crypto'

export interface PosterInput {
  title: string
  category: string
  performers: string[]
  startsAt: string
}

const PALETTES = [
  ['#1b1f3b', '#e94560', '#f5c518'],
  ['#0f4c5c', '#e36414', '#fb8b24'],
  ['#2d00f7', '#f20089', '#ffd6ff'],
  ['#003049', '#d62828', '#fcbf49'],
  ['#10002b', '#7b2cbf', '#e0aaff'],
  ['#0b3d20', '#52b788', '#d8f3dc'],
  ['#3a0ca3', '#4cc9f0', '#f1faee'],
  ['#231942', '#e0b1cb', '#fff1e6'],
]

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

/** The Latin name fans type, from "아이유 (IU)"-style performer names; else any Latin words of the title. */
function latinHeadline(p: PosterInput): string {
  for (const name of p.performers) {
    const m = /\(([A-Za-z0-9 .&'-]{2,24})\)/.exec(name)
    if (m) return m[1]!.toUpperCase()
  }
  const latin = p.title.match(/[A-Za-z][A-Za-z0-9 '&-]{2,}/g)?.[0]?.trim()
  return (latin ?? p.category).toUpperCase().slice(0, 24)
}

export function posterSvg(p: PosterInput, width = 420, height = 594): string {
  const h = createHash('sha256').update(p.title).digest()
  const [bg, accent, light] = PALETTES[h[0]! % PALETTES.length]!
  const shapes = Array.from({ length: 7 }, (_, i) => {
    const x = (h[1 + i]! / 255) * width
    const y = (h[8 + i]! / 255) * height * 0.7
    const r = 40 + (h[15 + i]! / 255) * 160
    const color = i % 2 === 0 ? accent : light
    return i % 3 === 0
      ? `<rect x="${x - r / 2}" y="${y - r / 2}" width="${r}" height="${r}" fill="${color}" opacity="0.55" transform="rotate(${h[20 + (i % 8)]! % 90} ${x} ${y})"/>`
      : `<circle cx="${x}" cy="${y}" r="${r / 2}" fill="${color}" opacity="0.6"/>`
  }).join('')
  const date = p.startsAt.slice(0, 10).replaceAll('-', '.')
  const headline = escapeXml(latinHeadline(p))
  const size = Math.max(28, Math.min(64, Math.floor(1000 / Math.max(8, headline.length))))
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${bg}"/><stop offset="1" stop-color="${accent}"/></linearGradient></defs>
<rect width="100%" height="100%" fill="url(#g)"/>${shapes}
<rect x="0" y="${height * 0.72}" width="${width}" height="${height * 0.28}" fill="${bg}" opacity="0.85"/>
<text x="40" y="${height * 0.72 + 80}" font-family="DejaVu Sans, sans-serif" font-weight="bold" font-size="${size}" fill="${light}">${headline}</text>
<text x="40" y="${height * 0.72 + 140}" font-family="DejaVu Sans, sans-serif" font-size="26" letter-spacing="6" fill="${light}">${escapeXml(p.category.toUpperCase())}</text>
<text x="40" y="${height * 0.72 + 190}" font-family="DejaVu Sans Mono, monospace" font-size="28" fill="${accent}">${date}</text>
</svg>`
}

/** A JPEG poster for the event: the cheapest encoder here (about 8 ms of CPU at 420×594), and posters are pictures. */
export async function renderPoster(p: PosterInput): Promise<Buffer> {
  const { default: sharp } = await import('sharp') // loaded only when a catalog is seeded
  return sharp(Buffer.from(posterSvg(p)))
    .jpeg({ quality: 82 })
    .toBuffer()
}
