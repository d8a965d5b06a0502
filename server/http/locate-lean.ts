// The lean path of GET /api/locate (issue 14 benchmark goals): a locate the in-process index can
// answer is answered before Express, whose per-request set-up and router walk cost as much as the
// locate itself. It reads the query with the route's own function and sends the bytes and headers
// res.json would (Content-Type, Content-Length, the weak ETag Express generates). Everything else
// goes on to routes/locate.ts: a query the route refuses (its 400 names the parameter), ?engine=sql,
// an If-None-Match (Express's freshness check answers 304), a fragment or a body (Express reads
// them its own way), an index not current (SQL answers), and any failure of the version read (the
// route answers 503 as for every outage).

import type { ServerResponse } from 'node:http'
import { parse as parseQueryString } from 'node:querystring'
import createEtag from 'etag'
import type { Config } from '../config.ts'
import { locateFromIndex } from '../query/locate.ts'
import type { KeptLocateIndex } from '../query/locate-index/kept-index.ts'
import type { LocateIndex } from '../query/locate-index/locate-index.ts'
import { locateJson } from '../query/locate-json.ts'
import type { FastPath } from './fast-path.ts'
import { type LocateAsked, readLocateQuery } from './routes/locate.ts'

const PREFIX = '/api/locate?'

/** What res.json sends for a body whose UTF-8 JSON is `body`, with Express's headers. */
function sendJson(res: ServerResponse, body: Buffer): void {
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': body.length,
    // Express's default 'etag fn': weak, over the body's UTF-8 bytes.
    ETag: createEtag(body, { weak: true }),
  })
  res.end(body)
}

/**
 * Answers from `index`; should that throw (a bug), the request goes on to the route untouched,
 * whose error handler answers it (a 500 with the API's error body), and the server keeps running:
 * a throw here is outside Express, where nothing else would catch it.
 */
function answer(res: ServerResponse, index: LocateIndex, asked: LocateAsked, next: () => void): void {
  let body: Buffer
  try {
    body = locateJson(locateFromIndex(index, asked.point, asked.options), asked.head)
  } catch {
    next()
    return
  }
  sendJson(res, body)
}

/**
 * GET /api/locate?… answered from `locateIndex` when it holds the store's current data; false for
 * every request the route must answer (see above). Off when LOCATE_ENGINE is 'sql' or there is no
 * index. On the server engine the index's currency needs a version read (shared by concurrent
 * requests: kept-index.ts), so the request is taken and answered, or handed on, when it returns.
 */
export function leanLocate(
  config: Pick<Config, 'LOCATE_ENGINE' | 'LOCATE_NEAR_M'>,
  locateIndex: KeptLocateIndex | undefined,
): FastPath {
  if (!locateIndex || config.LOCATE_ENGINE === 'sql') return () => false
  const nearM = config.LOCATE_NEAR_M
  return (req, res, next) => {
    const url = req.url
    const { headers } = req
    if (
      req.method !== 'GET' ||
      !url?.startsWith(PREFIX) ||
      // Express reads a query only up to a '#' (Node leaves a fragment in req.url): the route's.
      url.includes('#') ||
      headers['if-none-match'] !== undefined ||
      // A request with a body goes through express.json() first, which may refuse it (400, 413, 415).
      headers['content-length'] !== undefined ||
      headers['transfer-encoding'] !== undefined
    )
      return false
    let asked: LocateAsked
    try {
      asked = readLocateQuery(parseQueryString(url.slice(PREFIX.length)), nearM)
    } catch {
      return false // the route refuses it, with the message
    }
    if (asked.engine === 'sql') return false
    const known = locateIndex.freshKnown()
    if (known === null) return false
    if (known) {
      answer(res, known, asked, next)
      return true
    }
    locateIndex.fresh().then(
      (index) => (index ? answer(res, index, asked, next) : next()),
      () => next(),
    )
    return true
  }
}
