// The conformance classes declared at /ogc/conformance: exactly those this server passes (the
// anchors declare classes they then reject, issue 10). Part 3's come from its translator.
import { filterConformance } from './filter-adapter.ts'

const CORE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
]

/** Parts 1 and 2, then whatever Part 3 declares. */
export async function conformanceClasses(): Promise<string[]> {
  return [...CORE, ...(await filterConformance())]
}
