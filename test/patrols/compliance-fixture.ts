// Chiefs and patrols for the compliance tests, on the mini city's layers (test/fixtures/query/
// mini-city.ts: reaches on a kilometre grid, 甲区 x 0–5 km, 乙区 x 5–10 km). Every track walks
// straight along a reach at 3⅓ km/h with a fix every 0.5 km, so its validity is known by hand:
// long enough (≥ 2 km where asked), at least 30 min, no jump, and near its chief's scope unless
// marked off scope.
import type { Database } from '../../server/db/database.ts'
import { gk, insertChiefs, LAYERS, loadFixtureLayers } from '../fixtures/query/mini-city.ts'

export const CHIEFS = [
  ['CITY1', '城一', '副市长', '0871-1'],
  ['CG1', '总一', '市委书记', '0871-2'],
  ['DG1', '副总一', '市长', '0871-3'],
  ['K1', '县一', '乙区区长', '0871-4'],
  ['K2', '县二', '乙区区长', '0871-5'],
  ['LK1', '湖一', '甲区副区长', '0871-6'],
  ['VIL1', '村一', '东村主任', '0871-7'],
  ['VIL2', '村二', '乙村主任', '0871-8'],
  ['S1', '专一', '东村一组专管员', '0871-9'],
] as const

// [chief, level, role, kind, scope, from, to]
export const ASSIGNMENTS = [
  ['CITY1', 'city', 'chief', 'reach', 'R1-3', '2020-01-01', null],
  // The city's chief-in-general, who also holds 乙河上段 as its city river chief.
  ['CG1', 'city', 'chief_general', 'area', 'CA-CITY', '2020-01-01', null],
  ['CG1', 'city', 'chief', 'reach', 'T1-1', '2020-01-01', null],
  ['DG1', 'city', 'deputy_chief_general', 'area', 'CA-CITY', '2020-01-01', null],
  // 甲河乙区上段 changes hands on 10 February: K1 holds 40 of the 59 days of Jan–Feb, K2 19.
  ['K1', 'county', 'chief', 'reach', 'R1-2', '2020-01-01', '2023-02-10'],
  ['K2', 'county', 'chief', 'reach', 'R1-2', '2023-02-10', null],
  ['LK1', 'county', 'chief', 'lake', 'L1', '2020-01-01', null],
  ['VIL1', 'village', 'chief', 'reach', 'R1-1', '2020-01-01', null],
  ['VIL1', 'village', 'chief', 'reach', 'C1-1', '2020-01-01', null],
  ['VIL2', 'village', 'chief', 'reach', 'T1-2', '2020-01-01', null],
  ['S1', 'village_group', 'specialist', 'area', 'VG1', '2020-01-01', null],
] as const

/** Fixture points in km along a straight line, every 0.5 km. */
function along(from: [number, number], to: [number, number]): [number, number][] {
  const n = Math.round(Math.hypot(to[0] - from[0], to[1] - from[1]) / 0.5)
  return Array.from({ length: n + 1 }, (_, k) => [
    from[0] + ((to[0] - from[0]) * k) / n,
    from[1] + ((to[1] - from[1]) * k) / n,
  ])
}

// Paths in km: each follows (part of) a reach.
const R1_1 = along([0.5, 3], [3, 3]) // 2.5 km of 甲河甲区段, > 500 m from 丙渠
const R1_2 = along([5, 3], [7, 3]) // 2 km, all of 甲河乙区上段
const R1_3 = along([7, 3], [10, 3]) // 3 km, all of 甲河乙区下段
const T1_1 = along([7, 9], [7, 6]) // 3 km, all of 乙河上段
const T1_2 = along([7, 6], [7, 3]) // 3 km, all of 乙河下段
const VG1_PART = along([1, 3], [3, 3]) // 2 km of 甲河 inside 东村一组

// [chief, start (Kunming time), path]
export const PATROLS: [string, string, [number, number][]][] = [
  // Quarter boundary: 20:00 on 31 March is Q1; 07:00 on 1 April is Q2 in Kunming (still 31 March UTC).
  ['CITY1', '2023-03-31T20:00:00+08:00', R1_3],
  ['CITY1', '2023-04-01T07:00:00+08:00', R1_3],
  ['CG1', '2023-02-01T09:00:00+08:00', T1_1],
  // Inside the city, so on the chief-in-general's scope; but not on the reach they hold as river chief.
  ['CG1', '2023-05-10T09:00:00+08:00', R1_1],
  ['K1', '2023-01-20T09:00:00+08:00', R1_2],
  // After K1 handed over: not theirs to count.
  ['K1', '2023-03-05T09:00:00+08:00', R1_2],
  ['K2', '2023-02-20T09:00:00+08:00', R1_2],
  ['K2', '2023-03-15T09:00:00+08:00', R1_2],
  // Half-month boundary: the 15th closes the first half, the 16th opens the second.
  ['VIL1', '2023-01-15T09:00:00+08:00', R1_1],
  ['VIL1', '2023-01-16T09:00:00+08:00', R1_1],
  ['VIL2', '2023-01-14T09:00:00+08:00', T1_2],
  ['VIL2', '2023-01-15T16:00:00+08:00', T1_2],
  // Off scope: 甲河甲区段 is 4 km from 乙河下段; valid in every other way, never counted.
  ['VIL2', '2023-01-20T09:00:00+08:00', R1_1],
  ['S1', '2023-01-10T09:00:00+08:00', VG1_PART],
]

/** 0.5 km per 9 min: the shortest track here (2 km) lasts 36 min, over the 30 min minimum. */
const FIX_MS = 9 * 60_000

/** Loads the mini city's layers, these chiefs and assignments, and the patrols (not yet evaluated). */
export async function loadComplianceCity(db: Database): Promise<void> {
  await loadFixtureLayers(db, LAYERS)
  await insertChiefs(db, CHIEFS, ASSIGNMENTS)
  for (const [chief, start, path] of PATROLS) {
    const t0 = Date.parse(start)
    const times = path.map((_, k) => new Date(t0 + k * FIX_MS).toISOString())
    await db.query(
      `INSERT INTO patrols (chief_id, started_at, ended_at, times, geom)
       VALUES ($1, $2, $3, $4::timestamptz[], ST_SetSRID(ST_GeomFromGeoJSON($5), 4490))`,
      [
        chief,
        times[0],
        times[times.length - 1],
        times,
        JSON.stringify({ type: 'LineString', coordinates: path.map(([x, y]) => gk(x, y)) }),
      ],
    )
  }
}
