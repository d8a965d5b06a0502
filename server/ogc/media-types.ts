// The media types of OGC API – Features resources, and which one a request gets: `f=` wins,
// then Accept (Part 1 §7.8: JSON by default, HTML for browsers, GeoJSON honoured).
import type { Request } from 'express'
import { BadRequest } from '../errors.ts'

export const JSON_TYPE = 'application/json'
export const GEOJSON_TYPE = 'application/geo+json'
export const HTML_TYPE = 'text/html'
/** OpenAPI 3.0, which OWSLib and GDAL read (issue 10 item 1). */
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0'
export const SCHEMA_TYPE = 'application/schema+json'

export type OgcFormat = 'json' | 'html'

/**
 * The format of the answer: `f=json` or `f=html` when given; otherwise HTML only when Accept
 * prefers text/html to every JSON type (browsers send text/html first; GDAL, OWSLib and curl
 * do not), else JSON.
 * @throws BadRequest for another `f`.
 */
export function requestedFormat(req: Request): OgcFormat {
  const f = req.query.f
  if (f !== undefined) {
    if (f === 'json' || f === 'html') return f
    throw new BadRequest(`f: '${String(f)}' is not json or html`)
  }
  return req.accepts([JSON_TYPE, GEOJSON_TYPE, HTML_TYPE]) === HTML_TYPE ? 'html' : 'json'
}
