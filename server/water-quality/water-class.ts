// The order of the water-quality classes of GB 3838-2002 (I best … 劣Ⅴ worst), which every rule
// of this folder compares by: "meets its target" means "as good as the target class or better".
import { WATER_CLASSES } from '../layers/registry.ts'

export type WaterClass = (typeof WATER_CLASSES)[number]

/** 1 for class I … 6 for worse than V (劣Ⅴ). Throws on a value that is not a class. */
export function classRank(c: WaterClass): number {
  const i = WATER_CLASSES.indexOf(c)
  if (i < 0) throw new Error(`not a water class: ${c}`)
  return i + 1
}

/** The worse of the classes given (the highest rank), or null for none. */
export function worstClass(classes: Iterable<WaterClass>): WaterClass | null {
  let worst: WaterClass | null = null
  for (const c of classes) if (worst === null || classRank(c) > classRank(worst)) worst = c
  return worst
}

/**
 * Whether a measured class meets a target class: the same class or a better one (GB 3838-2002
 * §4: a class's limits are stricter the lower its number). null when either is unknown.
 */
export function meetsClass(measured: WaterClass | null, target: WaterClass | null): boolean | null {
  if (measured === null || target === null) return null
  return classRank(measured) <= classRank(target)
}
