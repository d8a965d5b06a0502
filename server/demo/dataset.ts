// The shape of the demo city: layer features plus the governance tables that are not layers.
// The generator produces it; server/load loads it through the same code path as imports.
import type { Feature, Geometry } from 'geojson'
import type { CHIEF_LEVELS, CHIEF_ROLES, LayerId, WATER_CLASSES } from '../layers/registry.ts'

/** Properties are keyed by the registry's attribute names; coordinates are lon/lat in EPSG:4490. */
export type LayerFeature = Feature<Geometry, Record<string, unknown>>

export interface Chief {
  id: string
  name: string
  position: string
  contact: string
}

export interface Assignment {
  chief_id: string
  level: (typeof CHIEF_LEVELS)[number]
  role: (typeof CHIEF_ROLES)[number]
  scope_kind: 'reach' | 'area' | 'lake'
  /** reaches.code, chief_areas.code or lakes.code */
  scope_code: string
  /** ISO date, inclusive */
  valid_from: string
  /** ISO date, exclusive; null while current */
  valid_to: string | null
}

export interface Measurement {
  section_code: string
  measured_on: string
  water_class: (typeof WATER_CLASSES)[number]
  cod_mg_l: number
  nh3n_mg_l: number
  tp_mg_l: number
}

export interface DemoDataset {
  layers: Record<LayerId, LayerFeature[]>
  chiefs: Chief[]
  assignments: Assignment[]
  measurements: Measurement[]
}
