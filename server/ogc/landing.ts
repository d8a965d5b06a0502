// The landing page /ogc (OGC API – Features Part 1 §7.2): where a client finds the API
// definition, the conformance declaration and the collections.
import type { Link } from './links.ts'
import { HTML_TYPE, JSON_TYPE, OPENAPI_TYPE } from './media-types.ts'

/** The landing document; `base` is the absolute URL of /ogc, `own` its self/alternate links. */
export function landingDocument(base: string, own: Link[]) {
  return {
    title: '河长制 GIS — OGC API – Features',
    description:
      "Every layer of Kunming's river chief system (昆明市河长制) as OGC API – Features collections.",
    links: [
      ...own,
      {
        href: `${base}/api`,
        rel: 'service-desc',
        type: OPENAPI_TYPE,
        title: 'the API definition (OpenAPI 3.0)',
      },
      { href: `${base}/api?f=html`, rel: 'service-doc', type: HTML_TYPE, title: 'the API documentation' },
      {
        href: `${base}/conformance`,
        rel: 'conformance',
        type: JSON_TYPE,
        title: 'the conformance classes implemented',
      },
      { href: `${base}/collections`, rel: 'data', type: JSON_TYPE, title: 'the collections' },
    ] satisfies Link[],
  }
}
