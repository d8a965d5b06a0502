// Links of OGC API – Features resources (Part 1 §7.7): absolute (built on publicBaseUrl, so they
// survive a reverse proxy), each with its media type; next/prev keep every other parameter of
// the request exactly once, the filter included (the anchors drop or repeat them, issue 10).
import { HTML_TYPE, type OgcFormat } from './media-types.ts'

export interface Link {
  href: string
  rel: string
  type?: string
  title?: string
}

/**
 * `href` with query `values` (in the request's order, with `changes` replacing or, when
 * undefined, removing parameters; new ones appended).
 */
export function withQuery(
  href: string,
  values: ReadonlyMap<string, string>,
  changes: Record<string, string | undefined> = {},
): string {
  const query = new URLSearchParams()
  for (const [name, value] of values) if (!(name in changes)) query.append(name, value)
  for (const [name, value] of Object.entries(changes)) if (value !== undefined) query.append(name, value)
  const text = query.toString()
  return text ? `${href}?${text}` : href
}

/**
 * `self` in the format served and `alternate` in the other one, with `f=` set so each link
 * names its format whatever the client's Accept header.
 */
export function selfAndAlternate(
  href: string,
  values: ReadonlyMap<string, string>,
  format: OgcFormat,
  jsonType: string,
): Link[] {
  const json: Link = { href: withQuery(href, values, { f: 'json' }), rel: 'self', type: jsonType }
  const html: Link = { href: withQuery(href, values, { f: 'html' }), rel: 'self', type: HTML_TYPE }
  return format === 'json'
    ? [json, { ...html, rel: 'alternate', title: 'this document as HTML' }]
    : [html, { ...json, rel: 'alternate', title: 'this document as JSON' }]
}
