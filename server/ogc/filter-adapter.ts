// The seam to Part 3 (server/ogc/cql2/ and queryables.ts, built beside this code): the items query
// hands `filter`, `filter-lang` and `filter-crs` to its translateFilter and ANDs the SQL it
// returns; /queryables is its queryablesDocument. The modules are loaded lazily by URL so this
// code compiles and serves Parts 1–2 before they exist.
import { BadRequest } from '../errors.ts'
import type { LayerSpec } from '../layers/registry.ts'

export type FilterLang = 'cql2-text' | 'cql2-json'

export interface FilterInput {
  filter: string
  lang: FilterLang
  filterCrs?: string
}

/** A boolean SQL expression over the layer's table aliased `f`, values bound from `firstParam`. */
export interface FilterSql {
  sql: string
  params: unknown[]
}

interface Cql2Module {
  translateFilter(input: FilterInput, layer: LayerSpec, firstParam: number): FilterSql
  conformanceClasses(): string[]
}

let loading: Promise<Cql2Module | null> | undefined

/** server/ogc/cql2/index.ts, or null while it does not exist yet. */
export function cql2Module(): Promise<Cql2Module | null> {
  loading ??= import(new URL('./cql2/index.ts', import.meta.url).href).then(
    (m: Partial<Cql2Module>) =>
      typeof m.translateFilter === 'function' && typeof m.conformanceClasses === 'function'
        ? (m as Cql2Module)
        : null,
    () => null,
  )
  return loading
}

/**
 * The SQL of a CQL2 filter on `layer` (the layer as the reader may see it: layer-access.ts).
 * @throws BadRequest for a filter the translator refuses, or any filter while Part 3 is absent.
 */
export async function filterSql(
  input: FilterInput,
  layer: LayerSpec,
  firstParam: number,
): Promise<FilterSql> {
  const cql2 = await cql2Module()
  if (!cql2) throw new BadRequest('filter: CQL2 filtering is not available on this server')
  return cql2.translateFilter(input, layer, firstParam)
}

/** The Part 3 conformance classes the translator passes; none while it is absent. */
export async function filterConformance(): Promise<string[]> {
  return (await cql2Module())?.conformanceClasses() ?? []
}

interface QueryablesModule {
  queryablesDocument(layer: LayerSpec, baseUrl: string): Record<string, unknown>
}

let loadingQueryables: Promise<QueryablesModule | null> | undefined

/** server/ogc/queryables.ts, or null while it does not exist yet. */
export function queryablesModule(): Promise<QueryablesModule | null> {
  loadingQueryables ??= import(new URL('./queryables.ts', import.meta.url).href).then(
    (m: Partial<QueryablesModule>) =>
      typeof m.queryablesDocument === 'function' ? (m as QueryablesModule) : null,
    () => null,
  )
  return loadingQueryables
}
