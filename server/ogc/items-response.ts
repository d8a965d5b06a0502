// The answer to /collections/{id}/items: a GeoJSON FeatureCollection with numberMatched (exact:
// counted once, then carried by count-token.ts), numberReturned and links, streamed sub-page by
// sub-page; or the same page as HTML.
import { once } from 'node:events'
import type { Response } from 'express'
import type { Database } from '../db/database.ts'
import type { LayerSpec } from '../layers/registry.ts'
import { selectingKey, signCount, verifiedCount } from './count-token.ts'
import { renderHtml } from './html.ts'
import { type ItemsParams, MATCHED_PARAM } from './items-params.ts'
import { countSql, itemsSql } from './items-sql.ts'
import { type FeatureRow, featureJson, featureRows } from './items-stream.ts'
import { type Link, selfAndAlternate, withQuery } from './links.ts'
import { GEOJSON_TYPE, type OgcFormat } from './media-types.ts'

async function matchedCount(db: Database, layer: LayerSpec, p: ItemsParams, sql: string, params: unknown[]) {
  const selecting = selectingKey(
    p.values,
    layer.attributes.map((a) => a.name),
  )
  const carried = verifiedCount(layer.id, selecting, p.matched)
  const count = carried ?? Number((await db.query<{ n: number | string }>(sql, params)).rows[0].n)
  return { count, token: signCount(layer.id, selecting, count) }
}

function pageLinks(
  href: string,
  p: ItemsParams,
  format: OgcFormat,
  returned: number,
  matched: number,
  token: string,
) {
  const links: Link[] = selfAndAlternate(href, p.values, format, GEOJSON_TYPE)
  const type = format === 'json' ? GEOJSON_TYPE : 'text/html'
  const page = (offset: number) =>
    withQuery(href, p.values, { offset: String(offset), limit: String(p.limit), [MATCHED_PARAM]: token })
  if (p.offset + returned < matched)
    links.push({ href: page(p.offset + returned), rel: 'next', type, title: 'the next page' })
  if (p.offset > 0)
    links.push({ href: page(Math.max(0, p.offset - p.limit)), rel: 'prev', type, title: 'the previous page' })
  return links
}

async function write(res: Response, chunk: string) {
  if (!res.write(chunk)) await once(res, 'drain')
}

/**
 * Answers an items request of `layer` (as the reader sees it) with parameters `p`; `href` is the
 * absolute URL of the items resource without query. Sets Content-Crs to the URI of `p.crs`.
 * Nothing is written before the count and the first sub-page are read, so a failing query is
 * still a clean error answer.
 * @throws BadRequest from the filter translator.
 */
export async function sendItems(
  db: Database,
  layer: LayerSpec,
  p: ItemsParams,
  href: string,
  format: OgcFormat,
  res: Response,
): Promise<void> {
  const s = await itemsSql(layer, p)
  const rows = featureRows(db, s, p.offset, p.limit)
  // The count and the first sub-page go out together: on the server engine they run on two pooled
  // connections at once (PGlite queues them).
  const [{ count, token }, first] = await Promise.all([
    matchedCount(db, layer, p, countSql(s), s.params),
    rows.next(),
  ])
  res.set('Content-Crs', `<${p.crs.uri}>`)
  const timeStamp = new Date().toISOString()
  if (format === 'html') {
    const features: unknown[] = []
    const add = (sub: FeatureRow[]) => {
      for (const r of sub) features.push(JSON.parse(featureJson(r, p.crs)))
    }
    if (!first.done) add(first.value)
    for await (const sub of rows) add(sub)
    const links = pageLinks(href, p, format, features.length, count, token)
    const document = {
      type: 'FeatureCollection',
      numberMatched: count,
      numberReturned: features.length,
      timeStamp,
      links,
      features,
    }
    res.type('html').send(renderHtml(`${layer.title.zh} ${layer.title.en}`, document))
    return
  }
  res.status(200).setHeader('Content-Type', GEOJSON_TYPE)
  res.write('{"type":"FeatureCollection","features":[')
  let returned = 0
  const send = async (sub: FeatureRow[]) => {
    await write(res, (returned > 0 ? ',' : '') + sub.map((r) => featureJson(r, p.crs)).join(','))
    returned += sub.length
  }
  if (!first.done) {
    await send(first.value)
    for await (const sub of rows) {
      if (res.destroyed) return
      await send(sub)
    }
  }
  const links = pageLinks(href, p, format, returned, count, token)
  res.end(
    `],"numberMatched":${count},"numberReturned":${returned},"timeStamp":"${timeStamp}","links":${JSON.stringify(links)}}`,
  )
}
