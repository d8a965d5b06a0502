// The benchmarks' import workload: n 20-vertex polygons with GBK attributes (100 000 ≈ 39 MB of
// .shp), written once to .cache/bench-import and reused; the same seed gives the same file.
import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import seedrandom from 'seedrandom'
import { type Ring, writeShapefile } from '../../test/support/shapefile-writer.ts'

const CACHE = join(import.meta.dirname, '..', '..', '.cache', 'bench-import')
const NAMES = ['滇池', '盘龙江', '宝象河', '松华坝水库', '阳宗海', '螳螂川', '海口', '呈贡', '晋宁', '嵩明']
const KINDS = ['湖泊', '水库', '库塘']

const WGS84_4490 = `GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]`

/** 20-vertex star-shaped (so simple) polygons scattered over Kunming, closed, clockwise. */
function generate(featureCount: number, name: string) {
  const random = seedrandom('rcgis-bench')
  const records = []
  for (let i = 0; i < featureCount; i++) {
    const cx = 102.2 + random() * 1.4
    const cy = 24.4 + random() * 1.6
    const ring: Ring = []
    for (let k = 0; k < 20; k++) {
      const angle = (-2 * Math.PI * k) / 20 // clockwise: a shapefile shell
      const r = 0.002 * (0.6 + 0.4 * random())
      ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)])
    }
    // One in a thousand is a bow-tie, so the repair path (ST_IsValid, ST_MakeValid) is timed too.
    if (i % 1000 === 999) [ring[3], ring[13]] = [ring[13], ring[3]]
    ring.push([ring[0][0], ring[0][1]])
    records.push({
      shape: { type: 'Polygon' as const, rings: [ring] },
      values: [
        `${NAMES[i % NAMES.length]}${i + 1}号`,
        `LK${String(i + 1).padStart(8, '0')}`,
        KINDS[i % 3],
        1880 + random() * 100,
      ],
    })
  }
  return writeShapefile(CACHE, name, {
    shapeType: 'Polygon',
    encoding: 'gbk',
    cpg: 'CP936',
    prj: WGS84_4490,
    fields: [
      { name: '名称', type: 'C', length: 40 },
      { name: 'BM', type: 'C', length: 12 },
      { name: 'LX', type: 'C', length: 8 },
      { name: 'ZCSW', type: 'N', length: 12, decimals: 3 },
    ],
    records,
  })
}

/** The path of the .shp of `featureCount` polygons, generated on first use. */
export function benchPolygons(featureCount: number): string {
  mkdirSync(CACHE, { recursive: true })
  const name = `polygons_${featureCount}_v2`
  const shp = join(CACHE, `${name}.shp`)
  if (!existsSync(shp)) {
    const t0 = performance.now()
    generate(featureCount, name)
    console.log(`generated ${shp} in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  }
  return shp
}
