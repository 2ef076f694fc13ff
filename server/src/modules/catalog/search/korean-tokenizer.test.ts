// The tokenizer's Korean rules, checked against es-hangul where it has the same notion.
import { getChoseong } from 'es-hangul'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { choseongOf, deletionKeys, stripParticle, suffixesOf, tokenize } from './korean-tokenizer.ts'

describe('Korean tokenizer', () => {
  it('splits between scripts and joins hyphenated Latin names', () => {
    expect(tokenize('아이유(IU)콘서트 G-DRAGON ２０２６').map((t) => t.text)).toEqual([
      '아이유',
      'iu',
      '콘서트',
      'g',
      'gdragon',
      'dragon',
      '2026',
    ])
  })

  it('composes decomposed jamo before splitting', () => {
    expect(tokenize('레미제라블'.normalize('NFD')).map((t) => t.text)).toEqual(['레미제라블'])
  })

  it('strips particles but keeps a two-syllable stem', () => {
    expect(stripParticle('아이유의')).toBe('아이유')
    expect(stripParticle('예술의전당에서')).toBe('예술의전당')
    expect(stripParticle('부산')).toBeNull()
    expect(stripParticle('나가')).toBeNull()
  })

  it('gives the choseong es-hangul gives, for any run of syllables', () => {
    const syllables = fc.string({ unit: fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c)) })
    fc.assert(
      fc.property(syllables, (s) => {
        expect(choseongOf(s)).toBe(getChoseong(s))
      }),
    )
  })

  it('makes suffixes and one-deletion keys', () => {
    expect(suffixesOf('예술의전당')).toEqual(['술의전당', '의전당', '전당'])
    expect(deletionKeys('레미제라블')).toContain('레미라블')
    expect(deletionKeys('레미재라블')).toContain('레미라블')
  })
})
