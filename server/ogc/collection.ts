// One collection per registry layer (OGC API – Features Part 1 §7.14, Part 2 §6.1): titles,
// extent, item type, the CRSs offered by URI and the storage CRS, and links to its items and
// queryables.
import type { LayerSpec } from '../layers/registry.ts'
import type { CollectionExtent } from './collection-extents.ts'
import { CRS84_URI, OFFERED_CRS_URIS, STORAGE_CRS_URI } from './crs-uri.ts'
import type { Link } from './links.ts'
import { GEOJSON_TYPE, HTML_TYPE, SCHEMA_TYPE } from './media-types.ts'

const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian'

/**
 * The collection document of `layer`, its links under `base` (`…/ogc/collections/<id>`). Titles
 * are given in English (`title`) and Chinese (`description`, and both under `titles`).
 */
export function collectionDocument(layer: LayerSpec, extent: CollectionExtent | undefined, base: string) {
  const links: Link[] = [
    { href: `${base}/items?f=json`, rel: 'items', type: GEOJSON_TYPE, title: `${layer.title.en} (GeoJSON)` },
    { href: `${base}/items?f=html`, rel: 'items', type: HTML_TYPE, title: `${layer.title.en} (HTML)` },
    {
      href: `${base}/queryables`,
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
      type: SCHEMA_TYPE,
      title: 'queryables',
    },
  ]
  return {
    id: layer.id,
    title: layer.title.en,
    description: `${layer.title.zh}（${layer.title.en}）`,
    titles: layer.title,
    itemType: 'feature',
    geometryType: layer.geometry,
    access: layer.access,
    extent: {
      spatial: { bbox: extent?.bbox ? [extent.bbox] : [], crs: CRS84_URI },
      ...(extent?.interval ? { temporal: { interval: [extent.interval], trs: GREGORIAN } } : {}),
    },
    crs: OFFERED_CRS_URIS,
    storageCrs: STORAGE_CRS_URI,
    links,
  }
}
