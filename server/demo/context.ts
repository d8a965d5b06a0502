// What every per-prefecture step needs: identity, codes, projection, randomness and names.
import type { Position } from 'geojson'
import { bboxOfMC, type MultiCoords, Projector } from './geo.ts'
import { cleanOutline, type PrefectureInput } from './inputs.ts'
import { NameBook } from './names.ts'
import { type Rng, rngFor } from './random.ts'

export interface Pref {
  /** 0-based position in the generated province. */
  index: number
  /** 0 for the real outline; ≥1 for reused outlines beyond the 16 prefectures. */
  round: number
  input: PrefectureInput
  /** 6-digit and 12-digit division codes of the prefecture, e.g. 530100 / 530100000000. */
  code6: string
  cityCode: string
  name: string
  /** Prefix of opaque codes (KM, QJ, … ; KM2 for a reused outline). */
  abbr: string
  areaCode: string
  /** Only the real Kunming at index 0 gets 滇池, 阳宗海 and the named rivers. */
  kunming: boolean
  /** Feature density relative to Kunming at scale 1 (scale / number of prefectures). */
  density: number
  outline: MultiCoords
  seat: Position
  proj: Projector
  names: NameBook
  rng(stream: string): Rng
}

/** Offset of a reused outline (beyond the 16 prefectures): 10/20/30° east, then the same 8°
 * and 16° further south, so copies overlap neither real Yunnan nor each other. */
export function roundShift(round: number): [number, number] {
  if (round === 0) return [0, 0]
  return [10 * (((round - 1) % 3) + 1), -8 * Math.floor((round - 1) / 3)]
}

/** A reused outline also gets a fictitious province code 9r (GB/T 2260 leaves 9x unused) so
 * division codes stay unique; hence at most 9 rounds. */
export function makePref(
  seed: string,
  index: number,
  input: PrefectureInput,
  round: number,
  density: number,
): Pref {
  const names = new NameBook(rngFor(seed, index, 'names'))
  if (round > 9) throw new Error('scale too large: at most 160 prefectures (16 outlines × 10 rounds)')
  const [dx, dy] = roundShift(round)
  const base = cleanOutline(input)
  const move = (v: number, d: number) => Math.round((v + d) * 1e7) / 1e7
  const outline =
    round === 0
      ? base
      : base.map((poly) => poly.map((ring) => ring.map((p) => [move(p[0], dx), move(p[1], dy)])))
  const code6 = round === 0 ? input.id : `9${round}${input.id.slice(2)}`
  const [x0, y0, x1, y1] = bboxOfMC(outline)
  const kunming = round === 0 && input.id === '530100'
  return {
    index,
    round,
    input,
    code6,
    cityCode: `${code6}000000`,
    name: round === 0 ? input.name : `${names.goodStem()}市`,
    abbr: round === 0 ? input.abbr : `${input.abbr}${round + 1}`,
    areaCode: input.areaCode,
    kunming,
    density,
    outline,
    seat: [input.seat[0] + dx, input.seat[1] + dy],
    proj: new Projector((x0 + x1) / 2, (y0 + y1) / 2),
    names,
    rng: (stream: string) => rngFor(seed, index, stream),
  }
}
