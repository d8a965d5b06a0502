// If-None-Match evaluated as an origin server must (RFC 9110 §13.1.2): a listed tag that matches
// the current ETag, weakly, or `*`, answers 304. Express's req.fresh also refuses when the
// request says `Cache-Control: no-cache`, a rule for caches (RFC 9111 §5.2.1.4), not for us —
// and fetch() adds exactly that header to every conditional request it sends.
import type { Request } from 'express'

const opaque = (tag: string) => tag.trim().replace(/^W\//, '')

/** True when `req`'s If-None-Match names `etag` (a quoted entity tag) or is `*`. */
export function ifNoneMatchHits(req: Request, etag: string): boolean {
  const header = req.headers['if-none-match']
  if (!header) return false
  if (header.trim() === '*') return true
  const current = opaque(etag)
  return header.split(',').some((tag) => opaque(tag) === current)
}
