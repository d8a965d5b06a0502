// The HTML encoding of every OGC resource (Part 1 §7.9, conformance class html): the same
// document as the JSON, laid out for a person in a browser. No script, no external asset, so it
// works offline like the viewer.
import type { Link } from './links.ts'

/** `text` safe inside an HTML element or a quoted attribute: & < > " ' become numeric references. */
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

const isLink = (v: unknown): v is Link => typeof v === 'object' && v !== null && 'href' in v && 'rel' in v

function value(v: unknown, depth: number): string {
  if (v === null || v === undefined) return '<i>—</i>'
  if (typeof v !== 'object') {
    const text = String(v)
    return /^https?:\/\//.test(text)
      ? `<a href="${escapeHtml(text)}">${escapeHtml(text)}</a>`
      : escapeHtml(text)
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return '<i>none</i>'
    if (v.every(isLink)) return links(v)
    const rows = v.filter((x) => typeof x === 'object' && x !== null && !Array.isArray(x))
    if (rows.length === v.length && depth < 2) return table(rows as Record<string, unknown>[], depth + 1)
    return escapeHtml(JSON.stringify(v))
  }
  if (depth >= 3) return `<code>${escapeHtml(JSON.stringify(v))}</code>`
  return definitions(v as Record<string, unknown>, depth + 1)
}

const links = (list: Link[]) =>
  `<ul>${list
    .map(
      (l) =>
        `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.title ?? l.rel)}</a> <small>${escapeHtml(l.rel)}${l.type ? ` · ${escapeHtml(l.type)}` : ''}</small></li>`,
    )
    .join('')}</ul>`

function table(rows: Record<string, unknown>[], depth: number): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const head = columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td>${value(r[c], depth)}</td>`).join('')}</tr>`)
  return `<table><thead><tr>${head}</tr></thead><tbody>${body.join('')}</tbody></table>`
}

function definitions(o: Record<string, unknown>, depth: number): string {
  const items = Object.entries(o).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${value(v, depth)}</dd>`)
  return `<dl>${items.join('')}</dl>`
}

// Features: geometry is summarised (a polygon's coordinates are not for reading).
function featureRow(f: Record<string, unknown>) {
  const geometry = f.geometry as { type?: string } | null
  return { id: f.id, geometry: geometry?.type ?? null, ...(f.properties as Record<string, unknown>) }
}

/**
 * `document` (a landing page, conformance, collections, collection, feature collection, feature
 * or OpenAPI document) as an HTML page titled `title`.
 */
export function renderHtml(title: string, document: Record<string, unknown>): string {
  const { links: own, features, ...rest } = document
  let body = ''
  if (Array.isArray(own)) body += `<h2>Links</h2>${links(own as Link[])}`
  if (document.type === 'Feature') {
    body += definitions(featureRow(rest), 1)
  } else {
    body += definitions(rest, 0)
    if (Array.isArray(features))
      body += `<h2>Features</h2>${features.length ? table(features.map(featureRow), 1) : '<p>none</p>'}`
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5em;max-width:80em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:2px 6px;text-align:left;vertical-align:top}dt{font-weight:bold}dd{margin:0 0 .5em 1.5em}</style>
</head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`
}
