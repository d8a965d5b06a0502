// A hand-built fixture for the 2020 targets (seed §2), laid out in whole kilometres on the mini
// city's Gauss–Krüger plane (../fixtures/query/mini-city.ts: areas and distances are plain
// arithmetic there), so every expected rate in targets.test.ts is counted by hand from this file.
//
//   y 9  螳螂川 TLC (0,9)→(10,9): S07 (5,9) national, S08 (2,9) provincial; S13 (7,9.05) a tributary's
//        WF-B [0,10]×[8.9,9.1] important, TLC, target IV
//   y 8  sources: SRC2 戊水源 city first [8,9]×[7.5,8.5] S17; 己水源 village [3,4]×[7.5,8.5] S18;
//        庚水源 county first [6,7]×[7.5,8.5], no section
//   y 6–7 SRC1 丁水源 county: first [0,1]×[6,7] S14, second [1,2]×[6,7] S15, quasi [2,3]×[6,7] S16;
//        阳宗海 [9,10]×[6,7] S06
//   y 5  枧槽河 JCH (0,5)→(4,5), no section; WF-D [0,4]×[4.9,5.1] important, target II
//   y 2–4 滇池草海 DC1 [2,4]×[2,4] S04; 滇池外海 DC2 [5,8]×[2,4] S05 = WF-E important, target IV;
//        wetlands W1 [0,2]×[2,5] protected, W2 [8,9]×[2,3] not, W3 [9,10]×[2,2.5] unknown
//   y 1  海河 HH (0,1)→(10,1), reaches HH-1 (0,1)→(5,1), HH-2 (5,1)→(10,1): S01 (1,1) national,
//        S02 (6,1) provincial, S03 (9,1) city, S10 (4,1.08) 30 m off WF-A, S11 (4.5,1.2) 150 m off;
//        WF-A [0,5]×[0.95,1.05] important, HH, target III; WF-C [5,10]×[0.95,1.05] not important
import type { Geometry } from 'geojson'
import type { Database } from '../../server/db/database.ts'
import type { LayerId } from '../../server/layers/registry.ts'
import { gk, line, loadFixtureLayers, type Row, rect } from '../fixtures/query/mini-city.ts'

const point = (x: number, y: number): Geometry => ({ type: 'Point', coordinates: gk(x, y) })
const multiLine = (...km: [number, number][]): Geometry => ({
  type: 'MultiLineString',
  coordinates: [(line(...km) as { coordinates: number[][] }).coordinates],
})

const section = (code: string, x: number, y: number, river: string | null, level: string): Row => [
  point(x, y),
  { code, name: `${code}断面`, river_code: river, level, target_class: 'III' },
]

export const TARGET_LAYERS: Partial<Record<LayerId, Row[]>> = {
  rivers: [
    [line([0, 1], [10, 1]), { code: 'HH', name: '海河', kind: 'river' }],
    [line([0, 9], [10, 9]), { code: 'TLC', name: '螳螂川', kind: 'river' }],
    [line([0, 5], [4, 5]), { code: 'JCH', name: '枧槽河', kind: 'river' }],
  ],
  reaches: [
    [line([0, 1], [5, 1]), { code: 'HH-1', river_code: 'HH', name: '海河上段', from_node: 1, to_node: 2 }],
    [line([5, 1], [10, 1]), { code: 'HH-2', river_code: 'HH', name: '海河下段', from_node: 2, to_node: 3 }],
  ],
  lakes: [
    [rect(2, 2, 4, 4), { code: 'DC1', name: '滇池草海', kind: 'lake' }],
    [rect(5, 2, 8, 4), { code: 'DC2', name: '滇池外海', kind: 'lake' }],
    [rect(9, 6, 10, 7), { code: 'YZH', name: '阳宗海', kind: 'lake' }],
  ],
  monitoring_sections: [
    section('S01', 1, 1, 'HH', 'national'),
    section('S02', 6, 1, 'HH', 'provincial'),
    section('S03', 9, 1, 'HH', 'city'),
    section('S04', 3, 3, null, 'provincial'),
    section('S05', 6, 3, null, 'national'),
    section('S06', 9.5, 6.5, null, 'provincial'),
    section('S07', 5, 9, 'TLC', 'national'),
    section('S08', 2, 9, 'TLC', 'provincial'),
    section('S10', 4, 1.08, 'HH', 'county'),
    section('S11', 4.5, 1.2, 'HH', 'county'),
    section('S13', 7, 9.05, 'TRIB', 'county'),
    section('S14', 0.5, 6.5, null, 'county'),
    section('S15', 1.5, 6.5, null, 'county'),
    section('S16', 2.5, 6.5, null, 'county'),
    section('S17', 8.5, 8, null, 'county'),
    section('S18', 3.5, 8, null, 'county'),
  ],
  water_function_zones: [
    [
      rect(0, 0.95, 5, 1.05),
      { code: 'WF-A', name: '海河甲区保留区', river_code: 'HH', target_class: 'III', important: 1 },
    ],
    [
      rect(0, 8.9, 10, 9.1),
      { code: 'WF-B', name: '螳螂川农业用水区', river_code: 'TLC', target_class: 'IV', important: 1 },
    ],
    [
      rect(5, 0.95, 10, 1.05),
      { code: 'WF-C', name: '海河乙区过渡区', river_code: 'HH', target_class: 'IV', important: 0 },
    ],
    [
      rect(0, 4.9, 4, 5.1),
      { code: 'WF-D', name: '枧槽河保护区', river_code: 'JCH', target_class: 'II', important: 1 },
    ],
    [
      rect(5, 2, 8, 4),
      { code: 'WF-E', name: '滇池外海景观娱乐用水区', river_code: null, target_class: 'IV', important: 1 },
    ],
  ],
  water_source_zones: [
    [
      rect(0, 6, 1, 7),
      { name: '丁水源一级区', source_name: '丁水源', grade: 'first', source_level: 'county' },
    ],
    [
      rect(1, 6, 2, 7),
      { name: '丁水源二级区', source_name: '丁水源', grade: 'second', source_level: 'county' },
    ],
    [
      rect(2, 6, 3, 7),
      { name: '丁水源准保护区', source_name: '丁水源', grade: 'quasi', source_level: 'county' },
    ],
    [
      rect(8, 7.5, 9, 8.5),
      { name: '戊水源一级区', source_name: '戊水源', grade: 'first', source_level: 'city' },
    ],
    [
      rect(3, 7.5, 4, 8.5),
      { name: '己水源一级区', source_name: '己水源', grade: 'first', source_level: 'village' },
    ],
    [
      rect(6, 7.5, 7, 8.5),
      { name: '庚水源一级区', source_name: '庚水源', grade: 'first', source_level: 'county' },
    ],
  ],
  wetlands: [
    [rect(0, 2, 2, 5), { name: 'W1湿地', kind: 'marsh', protected: 1 }],
    [rect(8, 2, 9, 3), { name: 'W2湿地', kind: 'lake', protected: 0 }],
    [rect(9, 2, 10, 2.5), { name: 'W3湿地', kind: 'river', protected: null }],
  ],
  black_odorous_reaches: [
    [multiLine([0, 0.2], [1, 0.2]), bo('BR1', 'built_up', 'remediated', '2016-05-01', '2019-06-01')],
    [multiLine([1, 0.2], [2, 0.2]), bo('BR2', 'built_up', 'remediated', '2016-05-01', '2021-03-01')],
    [multiLine([2, 0.2], [3, 0.2]), bo('BR3', 'built_up', 'not_started', '2016-05-01', null)],
    [multiLine([3, 0.2], [4, 0.2]), bo('BR4', 'outside_built_up', 'not_started', '2016-05-01', null)],
  ],
  black_odorous_ponds: [
    [rect(5, 0.1, 5.1, 0.2), bo('BP1', 'built_up', 'in_progress', '2021-05-01', null)],
    [rect(6, 0.1, 6.1, 0.2), bo('BP2', 'built_up', 'remediated', null, null)],
  ],
}

function bo(
  code: string,
  location: string,
  status: string,
  identified: string | null,
  remediated: string | null,
) {
  return {
    code,
    name: `${code}黑臭水体`,
    location,
    status,
    identified_on: identified,
    remediated_on: remediated,
  }
}

/** [section, date, class]: the 2020 classes are worked out in targets.test.ts. */
export const TARGET_MEASUREMENTS: [string, string, string][] = [
  // S01: II, III, IV in 2020 (odd: the middle, III); the neighbours' days are other years.
  ['S01', '2019-12-31', 'worse_than_V'],
  ['S01', '2020-01-01', 'II'],
  ['S01', '2020-06-01', 'IV'],
  ['S01', '2020-12-31', 'III'],
  ['S01', '2021-01-01', 'worse_than_V'],
  // S02: II, III, IV, V (even: the worse of III and IV, IV).
  ['S02', '2020-01-10', 'V'],
  ['S02', '2020-02-10', 'II'],
  ['S02', '2020-03-10', 'IV'],
  ['S02', '2020-04-10', 'III'],
  // S03: V, V, 劣V, 劣V (even: 劣V).
  ['S03', '2020-01-10', 'V'],
  ['S03', '2020-02-10', 'worse_than_V'],
  ['S03', '2020-03-10', 'worse_than_V'],
  ['S03', '2020-04-10', 'V'],
  // S04: IV, V → V.
  ['S04', '2020-05-01', 'IV'],
  ['S04', '2020-06-01', 'V'],
  ['S05', '2020-05-01', 'III'],
  // S06: II, II, III → II.
  ['S06', '2020-05-01', 'III'],
  ['S06', '2020-06-01', 'II'],
  ['S06', '2020-07-01', 'II'],
  ['S07', '2020-05-01', 'IV'],
  ['S07', '2020-06-01', 'IV'],
  // S08 only in 2019: no class for 2020.
  ['S08', '2019-05-01', 'worse_than_V'],
  ['S10', '2020-05-01', 'IV'],
  ['S11', '2020-05-01', 'worse_than_V'],
  ['S13', '2020-05-01', 'V'],
  ['S14', '2020-05-01', 'II'],
  ['S15', '2020-05-01', 'III'],
  ['S16', '2020-05-01', 'V'],
  ['S17', '2020-05-01', 'IV'],
  ['S18', '2020-05-01', 'worse_than_V'],
]

/** Loads the fixture into an empty store. */
export async function loadTargetFixture(db: Database): Promise<void> {
  await loadFixtureLayers(db, TARGET_LAYERS)
  for (const m of TARGET_MEASUREMENTS)
    await db.query('INSERT INTO measurements (section_code, measured_on, water_class) VALUES ($1, $2, $3)', m)
}
