// Which tile layer holds a chief's scope: assignments point at a reach, a responsibility area or a
// lake/reservoir by row id (server/query/common-schemas.ts SCOPE_KINDS), and those ids are the
// feature ids of the `reaches`, `chief_areas` and `lakes` tiles.
import type { FeatureRef } from './highlight.ts'

export const SCOPE_LAYER = { reach: 'reaches', area: 'chief_areas', lake: 'lakes' } as const
export type ScopeKind = keyof typeof SCOPE_LAYER

/** The highlightable feature of a scope `{kind, id}`. */
export function scopeFeature(scope: { kind: ScopeKind; id: number }): FeatureRef {
  return { layer: SCOPE_LAYER[scope.kind], id: scope.id }
}
