// Turns a query into words, each a set of vocabulary terms it may mean, with a match quality in (0, 1]:
// exact 1, particle stripped 0.95, prefix 0.7–0.9 (by how much of the term is typed), typo 0.6, choseong 0.8.
import { convertQwertyToHangul } from 'es-hangul'
import { choseongOf, deletionKeys, isHangulWord, stripParticle, tokenize, typoEligible } from './korean-tokenizer.ts'
import type { TermEntry, TermTable } from './term-table.ts'

export interface Vocabulary {
  words: TermTable
  choseong: TermTable
  /** deletion key → typo-eligible words it comes from */
  typos: Map<string, string[]>
}

export type QueryWord = Map<TermEntry, number>

const MAX_QUERY_CHARS = 256
const MAX_WORDS = 8
/** Prefix expansions per query word; bounds the work of one-syllable prefixes over a large vocabulary. */
const MAX_EXPANSIONS = 256
const MAX_SEGMENT_CHARS = 24

function offer(word: QueryWord, entry: TermEntry | undefined, quality: number): void {
  if (!entry) return
  const had = word.get(entry)
  if (had === undefined || had < quality) word.set(entry, quality)
}

function addPrefix(word: QueryWord, table: TermTable, prefix: string, scale: number): void {
  let seen = 0
  table.forEachWithPrefix(prefix, (entry) => {
    const quality = entry.key === prefix ? 1 : 0.7 + (0.2 * prefix.length) / entry.key.length
    offer(word, entry, quality * scale)
    return ++seen < MAX_EXPANSIONS
  })
}

/**
 * While typing, the IME shows the next syllable's first consonant as the last one's final: 레미젤 on the way to
 * 레미제라블. Index = final consonant; value = [final it leaves behind, choseong it becomes].
 */
const FINAL_SPLIT: [number, string][] = [
  [0, ''],
  [0, 'ㄱ'],
  [0, 'ㄲ'],
  [1, 'ㅅ'],
  [0, 'ㄴ'],
  [4, 'ㅈ'],
  [4, 'ㅎ'],
  [0, 'ㄷ'],
  [0, 'ㄹ'],
  [8, 'ㄱ'],
  [8, 'ㅁ'],
  [8, 'ㅂ'],
  [8, 'ㅅ'],
  [8, 'ㅌ'],
  [8, 'ㅍ'],
  [8, 'ㅎ'],
  [0, 'ㅁ'],
  [0, 'ㅂ'],
  [17, 'ㅅ'],
  [0, 'ㅅ'],
  [0, 'ㅆ'],
  [0, 'ㅇ'],
  [0, 'ㅈ'],
  [0, 'ㅊ'],
  [0, 'ㅋ'],
  [0, 'ㅌ'],
  [0, 'ㅍ'],
  [0, 'ㅎ'],
]

function addImeTail(word: QueryWord, table: TermTable, text: string): void {
  const last = text.charCodeAt(text.length - 1) - 0xac00
  const final = last % 28
  if (last < 0 || last > 11171 || final === 0) return
  const [keep, next] = FINAL_SPLIT[final]!
  const stem = text.slice(0, -1) + String.fromCharCode(0xac00 + last - final + keep)
  let seen = 0
  table.forEachWithPrefix(stem, (entry) => {
    if (entry.key.length > stem.length && choseongOf(entry.key[stem.length]!) === next) {
      offer(word, entry, (0.7 + (0.2 * text.length) / entry.key.length) * 0.9)
      seen++
    }
    return seen < MAX_EXPANSIONS
  })
}

function addTypos(word: QueryWord, vocab: Vocabulary, text: string): void {
  const near = new Set<string>(vocab.typos.get(text))
  for (const d of deletionKeys(text)) {
    if (vocab.words.get(d)) near.add(d)
    for (const w of vocab.typos.get(d) ?? []) near.add(w)
  }
  near.delete(text)
  for (const w of near) offer(word, vocab.words.get(w), 0.6)
}

function matchWord(vocab: Vocabulary, text: string, script: 'hangul' | 'latin' | 'other'): QueryWord {
  const word: QueryWord = new Map()
  addPrefix(word, vocab.words, text, 1)
  const stem = script === 'hangul' ? stripParticle(text) : null
  if (stem) addPrefix(word, vocab.words, stem, 0.95)
  if (script === 'hangul') addImeTail(word, vocab.words, text)
  // Typos only when nothing is spelled right, so 아이유 never also means 아이브.
  if (word.size === 0 && typoEligible(text, script === 'other' ? 'other' : script)) addTypos(word, vocab, text)
  return word
}

function hasWhole(vocab: Vocabulary, piece: string, last: boolean): boolean {
  if (vocab.words.get(piece)) return true
  const stem = stripParticle(piece)
  if (stem && vocab.words.get(stem)) return true
  return last && vocab.words.hasPrefix(piece)
}

/** Splits an unspaced run such as 레미제라블부산 into known words (fewest pieces; the last may be a prefix). */
export function segment(vocab: Vocabulary, text: string): string[] | null {
  const n = text.length
  if (n < 4 || n > MAX_SEGMENT_CHARS) return null
  const pieces = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY)
  const from = new Array<number>(n + 1).fill(-1)
  pieces[0] = 0
  for (let i = 2; i <= n; i++) {
    for (let j = 0; j <= i - 2; j++) {
      if (pieces[j]! + 1 >= pieces[i]!) continue
      if (hasWhole(vocab, text.slice(j, i), i === n)) {
        pieces[i] = pieces[j]! + 1
        from[i] = j
      }
    }
  }
  if (!Number.isFinite(pieces[n]!) || pieces[n] === 1) return null
  const out: string[] = []
  for (let i = n; i > 0; i = from[i]!) out.unshift(text.slice(from[i]!, i))
  return out
}

function hangulWords(vocab: Vocabulary, text: string): QueryWord[] {
  const word = matchWord(vocab, text, 'hangul')
  let strong = false
  for (const q of word.values()) if (q > 0.6) strong = true
  if (strong) return [word]
  const parts = segment(vocab, text)
  if (!parts) return word.size ? [word] : []
  return parts.map((p) => matchWord(vocab, p, 'hangul'))
}

/** The words of a query that match anything; an empty list means nothing can match. */
export function analyzeQuery(vocab: Vocabulary, query: string): QueryWord[] {
  const tokens = tokenize(query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query)
  const out: QueryWord[] = []
  const seen = new Set<string>()
  for (const t of tokens) {
    if (out.length >= MAX_WORDS) break
    if (seen.has(t.text)) continue
    seen.add(t.text)
    if (t.script === 'jamo') {
      const word: QueryWord = new Map()
      addPrefix(word, vocab.choseong, t.text, 0.85)
      if (word.size) out.push(word)
    } else if (t.script === 'hangul') {
      out.push(...hangulWords(vocab, t.text))
    } else {
      const script = t.script === 'latin' ? 'latin' : 'other'
      const word = matchWord(vocab, t.text, script)
      if (word.size === 0 && script === 'latin') {
        // Typed with the keyboard in English mode: dkdldb → 아이유.
        const hangul = safeQwerty(t.text)
        if (hangul && isHangulWord(hangul)) out.push(...hangulWords(vocab, hangul))
      } else if (word.size) out.push(word)
    }
  }
  return out
}

function safeQwerty(text: string): string | null {
  try {
    return convertQwertyToHangul(text)
  } catch {
    return null
  }
}
