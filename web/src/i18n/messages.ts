// Message types, derived from the Korean dictionary: a key that is not in it, or a placeholder a message does not
// have (or lacks), is a compile error wherever `t` is called.
import type { ko } from './ko.ts'

type Korean = typeof ko
export type MessageKey = keyof Korean

/** A counted message: Intl.PluralRules' categories, chosen by the `n` placeholder; `other` is always given. */
export type Plural = { readonly other: string } & { readonly [form in Intl.LDMLPluralRule]?: string }
export type Message = string | Plural

/** Every language's dictionary has exactly the Korean keys. */
export type Dictionary = { readonly [K in MessageKey]: Message }

type PlaceholdersIn<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersIn<Rest>
  : never

/** The placeholders of a key's Korean message, e.g. `'n'` for `'event.tickets'` ("{n}매"). */
export type Placeholders<K extends MessageKey> = PlaceholdersIn<Korean[K]>

export type Vars<K extends MessageKey> = { readonly [P in Placeholders<K>]: string | number }

export interface Translate {
  /** The reader's words for `key`; a message with placeholders needs exactly its values. */
  <K extends MessageKey>(key: K, ...vars: [Placeholders<K>] extends [never] ? [] : [vars: Vars<K>]): string
  /** For keys made from what the server said (an error code): the words, or undefined when there are none. */
  lookup(key: string, vars?: Record<string, string | number>): string | undefined
}
