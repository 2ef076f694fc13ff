// Both dictionaries say the same things: the same keys, each message with the same placeholders in every form, and
// counted messages only in the plural categories their language has.
import { expect, test } from 'vitest'
import { en } from './en.ts'
import { translator } from './i18n.tsx'
import { ko } from './ko.ts'
import type { Message } from './messages.ts'

const forms = (message: Message): string[] => (typeof message === 'string' ? [message] : Object.values(message))
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

test('English has exactly the Korean keys', () => {
  expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort())
})

test('every form of every message has the Korean placeholders', () => {
  const differ: string[] = []
  for (const [key, korean] of Object.entries(ko)) {
    const wanted = placeholders(korean)
    for (const text of forms(en[key as keyof typeof ko]))
      if (placeholders(text).join() !== wanted.join()) differ.push(`${key}: "${text}" vs "${korean}"`)
  }
  expect(differ).toEqual([])
})

test("counted messages use their language's plural categories, with n", () => {
  const categories = new Set(new Intl.PluralRules('en-GB').resolvedOptions().pluralCategories)
  for (const [key, message] of Object.entries(en)) {
    if (typeof message === 'string') continue
    expect(
      Object.keys(message).every((form) => categories.has(form as Intl.LDMLPluralRule)),
      key,
    ).toBe(true)
    expect(placeholders(message.other), key).toContain('n')
  }
  // Korean has one form only, so a Korean message is never split by count.
  expect(new Intl.PluralRules('ko-KR').resolvedOptions().pluralCategories).toEqual(['other'])
})

test('a count picks its form and numbers are written the reader’s way', () => {
  const english = translator(en, 'en')
  expect(english('event.tickets', { n: 1 })).toBe('1 ticket')
  expect(english('event.tickets', { n: 2 })).toBe('2 tickets')
  expect(english('event.seats_left', { n: 12345 })).toBe('12,345 left')
  const korean = translator(ko, 'ko')
  expect(korean('event.tickets', { n: 1 })).toBe('1매')
  expect(korean('event.seats_left', { n: 12345 })).toBe('잔여 12,345석')
  // What the server names is looked up, not assumed.
  expect(korean.lookup('error.no_such_code')).toBeUndefined()
  expect(korean.lookup('error.queue.not_open')).toBe(ko['error.queue.not_open'])
})

test('the compiler refuses a key not in the Korean dictionary and a placeholder a message does not take', () => {
  const t = translator(ko, 'ko')
  // @ts-expect-error: no such key
  expect(t('event.no_such_key')).toBe('event.no_such_key')
  // @ts-expect-error: "{n}매" needs n
  t('event.tickets')
  // @ts-expect-error: "{n}매" takes n, not count
  t('event.tickets', { count: 1 })
  // @ts-expect-error: a message without placeholders takes no values
  t('nav.search', { n: 1 })
  expect(t('nav.search')).toBe(ko['nav.search'])
})
