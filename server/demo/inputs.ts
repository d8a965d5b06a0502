// The two real inputs (see data/README.md): prefecture outlines and Natural Earth river lines.
// Read once per process, resolved relative to this module so the CLI, tests and server agree.
import fs from 'node:fs'
import * as turf from '@turf/turf'
import type {
  Feature,
  FeatureCollection,
  LineString,
  MultiLineString,
  MultiPolygon,
  Polygon,
  Position,
} from 'geojson'
import { type MultiCoords, multiOf, normalizeMulti } from './geo.ts'
import { hasSelfContacts } from './planar.ts'

const DATA = new URL('../../data/', import.meta.url)

export interface PrefectureInput {
  /** 6-digit division code, e.g. 530100. */
  id: string
  name: string
  /** Seat of government (echarts "cp"), used as the urban centre. */
  seat: Position
  /** Two-letter prefix for opaque codes, phone area code. */
  abbr: string
  areaCode: string
  raw: Feature<Polygon | MultiPolygon>
}

export interface TrunkInput {
  ne: string
  /** Name the river has inside Yunnan. */
  zh: string
  basin: string
  /** Lines in flow order (upstream first). */
  lines: Position[][]
}

// Pinyin abbreviations and telephone area codes of Yunnan's 16 prefectures.
const META: Record<string, [string, string]> = {
  '530100': ['KM', '0871'],
  '530300': ['QJ', '0874'],
  '530400': ['YX', '0877'],
  '530500': ['BS', '0875'],
  '530600': ['ZT', '0870'],
  '530700': ['LJ', '0888'],
  '530800': ['PE', '0879'],
  '530900': ['LC', '0883'],
  '532300': ['CX', '0878'],
  '532500': ['HH', '0873'],
  '532600': ['WS', '0876'],
  '532800': ['BN', '0691'],
  '532900': ['DL', '0872'],
  '533100': ['DH', '0692'],
  '533300': ['NJ', '0886'],
  '533400': ['DQ', '0887'],
}

// Natural Earth name → Chinese river name, basin, and whether NE digitised it against the flow
// (Hong/Red and Mytinge run from their mouth upstream in the file; checked by their end points).
const TRUNKS: Record<string, [string, string, boolean]> = {
  Jinsha: ['金沙江', '金沙江', false],
  'Chang Jiang': ['金沙江', '金沙江', false],
  Yalong: ['雅砻江', '金沙江', false],
  Nanpan: ['南盘江', '南盘江', false],
  Lancang: ['澜沧江', '澜沧江', false],
  Ou: ['南乌江', '澜沧江', false],
  Nu: ['怒江', '怒江', false],
  Hong: ['元江', '红河', true],
  Da: ['李仙江', '红河', false],
  You: ['右江', '右江', false],
  Nmai: ['独龙江', '伊洛瓦底江', false],
  Ayeyarwady: ['大盈江', '伊洛瓦底江', false],
  Mytinge: ['瑞丽江', '伊洛瓦底江', true],
}

let prefCache: PrefectureInput[] | null = null
let trunkCache: TrunkInput[] | null = null
const outlineCache = new Map<string, MultiCoords>()

function readJson<T>(name: string): T {
  return JSON.parse(fs.readFileSync(new URL(name, DATA), 'utf8')) as T
}

export function prefectures(): PrefectureInput[] {
  if (prefCache) return prefCache
  const fc = readJson<FeatureCollection<Polygon | MultiPolygon>>('yunnan_prefectures.geojson')
  const list = fc.features.map((f) => {
    const id = String(f.id)
    const props = f.properties as { name: string; cp: Position }
    const [abbr, areaCode] = META[id] ?? ['YN', '0871']
    return { id, name: props.name, seat: props.cp, abbr, areaCode, raw: f }
  })
  // Kunming first: scale 1 is Kunming alone, larger scales add the others in file order.
  list.sort((a, b) => (a.id === '530100' ? -1 : b.id === '530100' ? 1 : 0))
  prefCache = list
  return list
}

/** The outline, made valid: the echarts outlines are clockwise and have a few repeated vertices,
 * spikes and bow-ties (turf.kinks finds 1–15 per prefecture). Result rounded to 7 decimals and
 * wound per RFC 7946. */
export function cleanOutline(p: PrefectureInput): MultiCoords {
  const hit = outlineCache.get(p.id)
  if (hit) return hit
  // Rounding and dropping repeated vertices and A-B-A spikes fixes most; only where edges still
  // touch (曲靖, 普洱, 红河) pay for a polyclip self-union (seconds on a 2,000-vertex ring).
  let mc = normalizeMulti(multiOf(p.raw.geometry))
  if (hasSelfContacts(mc, 0.02)) {
    const fixed = turf.union(turf.featureCollection([p.raw, p.raw]))
    mc = normalizeMulti(multiOf(fixed?.geometry))
  }
  // The outlines are mapped at ~100 m; slivers below 0.05 km² are digitising noise.
  const kept = mc.filter((poly) => turf.area(turf.polygon(poly)) > 5e4)
  outlineCache.set(p.id, kept)
  return kept
}

export function trunks(): TrunkInput[] {
  if (trunkCache) return trunkCache
  const fc = readJson<FeatureCollection<LineString | MultiLineString>>('ne_10m_rivers_yunnan.geojson')
  const out: TrunkInput[] = []
  for (const f of fc.features) {
    const ne = String((f.properties as { name: string }).name)
    const meta = TRUNKS[ne]
    if (!meta) continue
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates
    out.push({ ne, zh: meta[0], basin: meta[1], lines: lines.map((l) => (meta[2] ? [...l].reverse() : l)) })
  }
  trunkCache = out
  return out
}
