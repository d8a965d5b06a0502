// Regenerates test/fixtures/import/shapefile-js.golden.json, the oracle for the shapefile-js
// corpus: GDAL's reading (ogr2ogr) of every dataset in it, so the suite compares against an
// independent implementation without needing GDAL installed. Run on purpose, after checking
// the diff: `npx tsx test/import/regen-shapefile-js-golden.ts` (needs gdal-bin and unzip).
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join, relative } from 'node:path'
import { CORPUS, SHAPEFILE_JS_INPUTS } from './corpus-inputs.ts'

interface Golden {
  count: number
  fields: string[]
  /** Properties of the first five and the last record, by record number. */
  records: Record<string, Record<string, unknown>>
  /** [west, south, east, north] in WGS 84, from GDAL's reprojection. */
  bbox: number[] | null
}

function shapefilesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(shp|geojson)$/i.test(e.name))
    .map((e) => join(e.parentPath, e.name))
}

const min = (a: number, b: number) => Math.min(a, b)
const max = (a: number, b: number) => Math.max(a, b)

const out: Record<string, Golden | { gdalError: string }> = {}
for (const input of SHAPEFILE_JS_INPUTS) {
  const path = join(CORPUS, 'shapefile-js', input)
  // Read from a private copy: GDAL may write a rebuilt .shx beside the .shp.
  const tmp = mkdtempSync(join(tmpdir(), 'golden-'))
  if (/\.zip$/i.test(input)) {
    try {
      execFileSync('unzip', ['-q', '-o', path, '-d', tmp], { stdio: 'ignore' })
    } catch {}
  } else {
    const stem = basename(path, extname(path))
    for (const f of readdirSync(dirname(path)))
      if (basename(f, extname(f)) === stem) copyFileSync(join(dirname(path), f), join(tmp, f))
  }
  const source = shapefilesUnder(tmp)[0] ?? path
  const ogr = (reproject: boolean) =>
    execFileSync(
      'ogr2ogr',
      [
        '--config',
        'SHAPE_RESTORE_SHX',
        'YES',
        '-f',
        'GeoJSON',
        ...(reproject ? ['-t_srs', 'EPSG:4326'] : []),
        '-lco',
        'RFC7946=NO',
        '/vsistdout/',
        source,
      ],
      { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] },
    ).toString('utf8')
  try {
    let json: string
    try {
      json = ogr(true)
    } catch (error) {
      // Without a .prj GDAL cannot reproject; the coordinates are then taken as they are.
      if (!/source layer has no/.test(String((error as { stderr?: Buffer }).stderr))) throw error
      json = ogr(false)
    }
    const fc = JSON.parse(json) as {
      features: { properties: Record<string, unknown>; geometry: { coordinates: unknown } | null }[]
    }
    const n = fc.features.length
    const pick = [...new Set([0, 1, 2, 3, 4, n - 1].filter((i) => i >= 0 && i < n))]
    const xs: number[] = []
    const ys: number[] = []
    const walk = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') {
        xs.push(c[0] as number)
        ys.push(c[1] as number)
      } else if (Array.isArray(c)) for (const x of c) walk(x)
    }
    for (const f of fc.features) walk(f.geometry?.coordinates)
    out[input] = {
      count: n,
      fields: Object.keys(fc.features[0]?.properties ?? {}),
      records: Object.fromEntries(pick.map((i) => [String(i + 1), fc.features[i].properties])),
      bbox: xs.length ? [xs.reduce(min), ys.reduce(min), xs.reduce(max), ys.reduce(max)] : null,
    }
  } catch (error) {
    out[input] = {
      gdalError: String((error as { stderr?: Buffer }).stderr ?? error)
        .split('\n')[0]
        .slice(0, 200),
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  console.log(input, relative(CORPUS, source), JSON.stringify(out[input]).slice(0, 120))
}
writeFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'import', 'shapefile-js.golden.json'),
  `${JSON.stringify(out, null, 1)}\n`,
)
