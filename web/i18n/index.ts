// The viewer's language: Chinese first (the public and officials of Kunming), English on the
// switch. The choice is kept in localStorage; switching reloads the page, and the URL hash keeps
// the view.
import { en } from './en.ts'
import { type MessageKey, zh } from './zh.ts'

export type Lang = 'zh' | 'en'
export type { MessageKey }
/** A text in both languages, for pages that carry their own words (web/pages/*). */
export type Bilingual = { zh: string; en: string }

const STORAGE_KEY = 'rcgis.lang'

function initialLang(): Lang {
  const asked = new URLSearchParams(location.search).get('lang')
  if (asked === 'zh' || asked === 'en') return asked
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh'
}

export const lang: Lang = initialLang()
const dictionary: Record<MessageKey, string> = lang === 'en' ? en : zh

/** The text of `key` in the current language, `{name}` placeholders filled from `vars`. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  return fillVars(dictionary[key], vars)
}

/** `text` with its `{name}` placeholders filled from `vars` (an unknown name stays as it is). */
const fillVars = (text: string, vars: Record<string, string | number>): string =>
  text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`))

/** The current language's half of a bilingual text. */
export function pick(text: Bilingual): string {
  return text[lang]
}

/**
 * The word function of a page that carries its own words (web/pages/<page>/*-words.ts): the
 * current language's text of `key`, `{name}` placeholders filled from `vars`.
 */
export function words<K extends string>(table: Record<K, Bilingual>) {
  return (key: K, vars: Record<string, string | number> = {}): string => fillVars(pick(table[key]), vars)
}

/** The text of a domain value (a level, a role, a scope kind) or the value itself when unknown. */
export function term(prefix: 'level' | 'role' | 'scope' | 'search.kind' | 'value', value: string): string {
  const key = `${prefix}.${value}` as MessageKey
  return key in dictionary ? dictionary[key] : value
}

/** Fills every `[data-i18n]` element's text and every `[data-i18n-placeholder|title|aria-label]`. */
export function applyI18n(root: ParentNode): void {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en'
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]'))
    el.textContent = t(el.dataset.i18n as MessageKey)
  for (const attr of ['placeholder', 'title', 'aria-label'] as const) {
    const data = `i18n${attr === 'aria-label' ? 'AriaLabel' : attr[0].toUpperCase() + attr.slice(1)}`
    for (const el of root.querySelectorAll<HTMLElement>(`[data-i18n-${attr}]`))
      el.setAttribute(attr, t(el.dataset[data] as MessageKey))
  }
}

/** Switches the language and reloads; the hash (the view) and the query (the page) are kept. */
export function switchLang(): void {
  localStorage.setItem(STORAGE_KEY, lang === 'zh' ? 'en' : 'zh')
  const url = new URL(location.href)
  url.searchParams.delete('lang')
  history.replaceState(history.state, '', url)
  // reload(), not location.replace(url): to the same URL with a #hash, replace only scrolls.
  location.reload()
}
