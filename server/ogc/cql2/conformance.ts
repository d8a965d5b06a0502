// The conformance classes of OGC API – Features Part 3 (19-079r2) and CQL2 (21-065r2) this
// server passes, for /ogc/conformance. Only classes whose every requirement the translator
// meets are listed (test/ogc/cql2-*.test.ts); declaring one and then refusing its filters is
// the fault of the servers issue 10 names. Left out on purpose:
// - accent-insensitive-comparison: ACCENTI needs unaccent, which the embedded engine lacks;
// - temporal-functions: only T_INTERSECTS of its 15 functions is offered;
// - array-functions, property-property, functions, arithmetic: not offered.

const FEATURES_3 = 'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf'
const CQL2 = 'http://www.opengis.net/spec/cql2/1.0/conf'

const CLASSES = [
  `${FEATURES_3}/queryables`,
  `${FEATURES_3}/filter`,
  `${FEATURES_3}/features-filter`,
  `${CQL2}/cql2-text`,
  `${CQL2}/cql2-json`,
  `${CQL2}/basic-cql2`,
  `${CQL2}/advanced-comparison-operators`,
  `${CQL2}/case-insensitive-comparison`,
  // S_INTERSECTS with points and BBOX; -plus: with every geometry type; then all eight S_ functions.
  `${CQL2}/basic-spatial-functions`,
  `${CQL2}/basic-spatial-functions-plus`,
  `${CQL2}/spatial-functions`,
] as const

/** The URIs of the filtering conformance classes this server passes, in a fixed order. */
export function conformanceClasses(): string[] {
  return [...CLASSES]
}
