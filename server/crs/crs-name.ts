// A coordinate system as people write its name: 'EPSG:4543', '4543', OGC URN and URL forms,
// 'wgs84', 'CRS84', 'cgcs2000', and the basemap offsets 'gcj02' (AMap, Tencent) and 'bd09'
// (Baidu). Only the name is read here: whether the EPSG code is one this server can convert is
// the catalogue's (catalogue.ts) to say, and what to tell the caller is up to the caller.

export type CrsName =
  | { kind: 'gcj02' | 'bd09'; id: 'GCJ-02' | 'BD-09'; name: string }
  | {
      kind: 'epsg'
      code: number
      /** The alias the code was named by, when it was not given as a code. */
      alias?: 'WGS84' | 'CRS84' | 'CGCS2000'
    }

const GCJ02: CrsName = { kind: 'gcj02', id: 'GCJ-02', name: 'GCJ-02 (AMap, Tencent)' }
const BD09: CrsName = { kind: 'bd09', id: 'BD-09', name: 'BD-09 (Baidu)' }

const EPSG_CODE =
  /^(?:EPSG:+|URN:OGC:DEF:CRS:EPSG:[^:]*:|HTTPS?:\/\/WWW\.OPENGIS\.NET\/DEF\/CRS\/EPSG\/[^/]+\/)?(\d+)$/

/** The CRS a name stands for, or null when it is not a CRS name at all. */
export function parseCrsName(name: string): CrsName | null {
  const key = name
    .trim()
    .toUpperCase()
    .replace(/^OGC:/, '')
    .replace(/[\s_-]+/g, '')
  if (key === 'GCJ02' || key === 'AMAP') return GCJ02
  if (key === 'BD09' || key === 'BAIDU') return BD09
  // CGCS2000 and WGS 84 differ by centimetres: both are stored as they are (to-storage.ts).
  if (key === 'WGS84') return { kind: 'epsg', code: 4326, alias: 'WGS84' }
  if (key.endsWith('CRS84')) return { kind: 'epsg', code: 4326, alias: 'CRS84' }
  if (key === 'CGCS2000') return { kind: 'epsg', code: 4490, alias: 'CGCS2000' }
  const code = EPSG_CODE.exec(key)
  return code ? { kind: 'epsg', code: Number(code[1]) } : null
}
