// A query mix drawn from the generated events, in the shapes fans type: words, particles, run-together words,
// prefixes, choseong, English names, typos, venues, city + category, and broad one-syllable prefixes.
import { createRandom, type GeneratedEvent } from '../../server/src/modules/catalog/search/fixtures/event-generator.ts'
import { choseongOf, tokenize } from '../../server/src/modules/catalog/search/korean-tokenizer.ts'

export interface BenchQuery {
  kind: string
  q: string
}

const CATEGORY_KO: Record<string, string> = {
  concert: '콘서트',
  musical: '뮤지컬',
  play: '연극',
  classical: '클래식',
  festival: '페스티벌',
  exhibition: '전시',
  sports: '스포츠',
}
const PARTICLES = ['의', '을', '이', '는', '에서', '과']
const ko = (s: string) => s.replace(/\s*\(.*\)$/, '')

export function buildQueryMix(events: GeneratedEvent[], n: number, seed: number): BenchQuery[] {
  const r = createRandom(seed)
  const hangulWords = (text: string) => tokenize(text).filter((t) => t.script === 'hangul' && t.text.length >= 2)
  const out: BenchQuery[] = []
  while (out.length < n) {
    const e = r.pick(events)
    const words = hangulWords(e.title)
    const word = words.length ? r.pick(words).text : e.venueCity
    const performer = e.performers.length ? r.pick(e.performers) : e.title
    const english = /\(([^)]+)\)/.exec(performer)?.[1]
    const kind = r.pick([
      'word',
      'particles',
      'spacing',
      'prefix',
      'choseong',
      'english',
      'typo',
      'venue',
      'city+category',
      'broad',
    ])
    let q: string
    switch (kind) {
      case 'word':
        q = word
        break
      case 'particles':
        q = ko(performer) + r.pick(PARTICLES)
        break
      case 'spacing':
        q = word + e.venueCity
        break
      case 'prefix':
        q = word.slice(0, Math.max(2, Math.ceil(word.length / 2)))
        break
      case 'choseong':
        q = choseongOf(word)
        break
      case 'english':
        q = english ?? ko(performer)
        break
      case 'typo': {
        const at = r.int(0, word.length - 1)
        q =
          word.length >= 3
            ? word.slice(0, at) + String.fromCharCode(0xac00 + r.int(0, 11171)) + word.slice(at + 1)
            : word
        break
      }
      case 'venue':
        q = e.venueName
        break
      case 'city+category':
        q = `${e.venueCity} ${CATEGORY_KO[e.category]}`
        break
      default:
        q = word.slice(0, 1)
    }
    out.push({ kind, q })
  }
  return out
}
