// Korean-aware text analysis for the search index: normalisation, word splitting by script, particle stripping,
// choseong keys, suffixes (for infix matches inside compounds) and one-edit deletion keys (for typos).

export type Script = 'hangul' | 'jamo' | 'latin' | 'digit' | 'other'

export interface Token {
  text: string
  script: Script
}

const HANGUL_FIRST = 0xac00
const HANGUL_LAST = 0xd7a3
/** Compatibility jamo consonants that can start a syllable, in choseong order. */
const CHOSEONG = 'ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ'

/** Longest first, so 에서 wins over 에 and 으로 over 로. */
const PARTICLES = [
  '에서부터',
  '에서는',
  '에서도',
  '으로는',
  '으로도',
  '에게서',
  '이라는',
  '까지는',
  '부터는',
  '에서',
  '에게',
  '으로',
  '이랑',
  '하고',
  '까지',
  '부터',
  '마다',
  '처럼',
  '보다',
  '라는',
  '이나',
  '이요',
  '의',
  '을',
  '를',
  '이',
  '가',
  '은',
  '는',
  '에',
  '로',
  '와',
  '과',
  '도',
  '만',
  '랑',
]

function scriptOf(code: number): Script | null {
  if (code >= HANGUL_FIRST && code <= HANGUL_LAST) return 'hangul'
  if (code >= 0x3131 && code <= 0x314e) return 'jamo'
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0xdf && code <= 0x24f && code !== 0xf7)) return 'latin'
  if (code >= 0x30 && code <= 0x39) return 'digit'
  return null
}

const LETTER = /[\p{L}\p{N}]/u
const FULL_WIDTH = /[\uff01-\uff5e]/

/** NFC (so decomposed jamo become syllables), lower case, full-width ASCII folded to ASCII. */
export function normalizeText(input: string): string {
  const nfc = input.normalize('NFC').toLowerCase()
  if (!FULL_WIDTH.test(nfc)) return nfc
  let out = ''
  for (let i = 0; i < nfc.length; i++) {
    const c = nfc.charCodeAt(i)
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : nfc[i]
  }
  return out
}

/**
 * Splits on anything that is not a letter or digit, and between scripts, so "아이유(IU)콘서트" gives
 * 아이유 / iu / 콘서트. Latin words joined by - ' . & also yield their joined form (g-dragon → gdragon).
 */
export function tokenize(input: string): Token[] {
  const text = normalizeText(input)
  const tokens: Token[] = []
  let start = -1
  let script: Script | null = null
  let prevLatinEnd = -2
  let prevLatinText = ''
  const flush = (end: number) => {
    if (start < 0 || script === null) return
    const word = text.slice(start, end)
    if (script === 'latin') {
      const joiner = text.slice(prevLatinEnd, start)
      if (prevLatinEnd >= 0 && joiner.length === 1 && "-'.&’".includes(joiner)) {
        prevLatinText += word
        tokens.push({ text: prevLatinText, script: 'latin' })
      } else prevLatinText = word
      prevLatinEnd = end
    }
    tokens.push({ text: word, script })
    start = -1
    script = null
  }
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    let s = scriptOf(code)
    if (s === null && LETTER.test(text[i]!)) s = 'other'
    if (s !== script) {
      flush(i)
      if (s !== null) {
        start = i
        script = s
      }
    }
  }
  flush(text.length)
  return tokens
}

export function isHangulWord(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    if (c < HANGUL_FIRST || c > HANGUL_LAST) return false
  }
  return word.length > 0
}

/** 레미제라블 → ㄹㅁㅈㄹㅂ; characters that are not Hangul syllables are dropped. */
export function choseongOf(word: string): string {
  let out = ''
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i)
    if (c >= HANGUL_FIRST && c <= HANGUL_LAST) out += CHOSEONG[Math.floor((c - HANGUL_FIRST) / 588)]
  }
  return out
}

/** The word without a trailing particle (아이유의 → 아이유), or null; the stem keeps at least two syllables. */
export function stripParticle(word: string): string | null {
  for (const p of PARTICLES) {
    if (word.length - p.length >= 2 && word.endsWith(p)) return word.slice(0, word.length - p.length)
  }
  return null
}

/** Proper suffixes of at least two syllables: 예술의전당 → 술의전당, 의전당, 전당. */
export function suffixesOf(word: string): string[] {
  const out: string[] = []
  for (let i = 1; i <= word.length - 2; i++) out.push(word.slice(i))
  return out
}

/** Every string made by deleting one character; two words within one edit share a key (SymSpell). */
export function deletionKeys(word: string): string[] {
  const out: string[] = []
  for (let i = 0; i < word.length; i++) {
    const key = word.slice(0, i) + word.slice(i + 1)
    if (!out.includes(key)) out.push(key)
  }
  return out
}

/** Shortest words that take part in typo matching: a one-syllable slip in 아이 would match half the catalog. */
export function typoEligible(word: string, script: Script): boolean {
  return script === 'hangul' ? word.length >= 3 : script === 'latin' ? word.length >= 4 : false
}
