// Seeded randomness for the demo generator. Every consumer asks for its own named stream
// (`rngFor(seed, prefecture, 'rivers')`), so adding draws in one module does not shift the
// numbers that another module sees: the output stays stable while the generator evolves.
import seedrandom from 'seedrandom'

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number
  /** Uniform in [lo, hi). */
  range(lo: number, hi: number): number
  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number
  chance(p: number): boolean
  pick<T>(xs: readonly T[]): T
  /** Standard normal (Box–Muller). */
  normal(): number
  shuffle<T>(xs: T[]): T[]
  weighted<T>(xs: readonly T[], weights: readonly number[]): T
}

export function rngFor(...parts: (string | number)[]): Rng {
  const prng = seedrandom(parts.join('|'))
  const next = () => prng()
  const rng: Rng = {
    next,
    range: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p) => next() < p,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    normal: () => {
      const u = 1 - next()
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    shuffle: (xs) => {
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[xs[i], xs[j]] = [xs[j], xs[i]]
      }
      return xs
    },
    weighted: (xs, weights) => {
      let total = 0
      for (const w of weights) total += w
      let r = next() * total
      for (let i = 0; i < xs.length; i++) {
        r -= weights[i]
        if (r < 0) return xs[i]
      }
      return xs[xs.length - 1]
    },
  }
  return rng
}

/** A smooth random field (sum of a few random plane waves), used to make rivers wander and
 * settlement density vary without any grid artefacts. Deterministic for a given rng. */
export function smoothField(rng: Rng, wavelengthM: number, waves = 6): (x: number, y: number) => number {
  const ws = Array.from({ length: waves }, () => {
    const a = rng.range(0, Math.PI)
    const k = (2 * Math.PI) / (wavelengthM * rng.range(0.6, 1.6))
    return { kx: Math.cos(a) * k, ky: Math.sin(a) * k, ph: rng.range(0, 2 * Math.PI) }
  })
  const norm = Math.sqrt(2 / waves)
  return (x, y) => {
    let s = 0
    for (const w of ws) s += Math.cos(w.kx * x + w.ky * y + w.ph)
    return s * norm
  }
}
