// The configured rules a patrol is judged by (issue 13 part 1, after seed §5(四)).
import type { Config } from '../config.ts'

export interface PatrolRules {
  /** PATROL_MIN_MINUTES: shorter is short_duration. */
  minMinutes: number
  /** PATROL_MIN_KM_LOCAL: township and village chiefs' patrols shorter than this are short_length. */
  minKmLocal: number
  /** PATROL_MAX_KMH: a faster step between fixes is a speed_jump. */
  maxKmh: number
  /** PATROL_NEAR_M: the part of a scope within this many metres of the track is covered. */
  nearM: number
}

export const patrolRules = (config: Config): PatrolRules => ({
  minMinutes: config.PATROL_MIN_MINUTES,
  minKmLocal: config.PATROL_MIN_KM_LOCAL,
  maxKmh: config.PATROL_MAX_KMH,
  nearM: config.PATROL_NEAR_M,
})
