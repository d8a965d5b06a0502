// Reaches (河段): every river part is cut where it crosses a village boundary and where a
// tributary joins, so each reach lies in exactly one village (hence one township and county)
// and confluences are reach ends. Node ids are keyed by the rounded coordinate, so a
// tributary's last vertex and the parent's junction vertex (the same lattice node, projected
// and rounded identically) get the same node; water flows from_node → to_node.
import type { Position } from 'geojson'
import type { Basin } from './basins.ts'
import type { Pref } from './context.ts'
import { lineLengthM, posKey, r7, ringsOf, samePos } from './geo.ts'
import { chineseNumber, shortName } from './names.ts'
import type { AdminUnit, Partition } from './partition.ts'
import { SegmentGrid, segmentCrossT } from './planar.ts'
import type { RiverDef } from './rivers.ts'

export interface Reach {
  code: string
  river: RiverDef
  basin: Basin
  name: string
  startDesc: string
  endDesc: string
  village: AdminUnit
  township: AdminUnit
  county: AdminUnit
  fromNode: number
  toNode: number
  coords: Position[]
  lengthM: number
}

/** Allocates node ids across the whole (multi-prefecture) dataset. */
export class NodeIds {
  private next = 1
  private byKey = new Map<string, number>()
  get(p: Position): number {
    const k = posKey(p)
    let id = this.byKey.get(k)
    if (id === undefined) {
      id = this.next++
      this.byKey.set(k, id)
    }
    return id
  }
}

interface Piece {
  coords: Position[]
  /** Why the piece starts/ends where it does. */
  startCut: 'first' | 'junction' | 'boundary'
  endCut: 'last' | 'junction' | 'boundary'
  village: AdminUnit | null
}

export function buildReaches(pref: Pref, part: Partition, rivers: RiverDef[], nodes: NodeIds): Reach[] {
  // Village boundary segments in degrees (the reaches are split in the same planar space
  // that GeoJSON and PostGIS geometry use).
  const grid = new SegmentGrid(0.01)
  for (const v of part.villages) for (const ring of ringsOf(v.geom)) grid.addRing(ring, 0)

  // Where tributaries join: key → tributary names.
  const joins = new Map<string, string[]>()
  for (const r of rivers)
    for (const p of r.parts)
      if (p.end === 'junction') {
        const k = posKey(p.coords[p.coords.length - 1])
        joins.set(k, [...(joins.get(k) ?? []), r.name])
      }

  const reaches: Reach[] = []
  for (const river of rivers) {
    let n = 0
    const seenNames = new Map<string, number>()
    river.parts.forEach((rp) => {
      // 1. insert boundary crossings as vertices, marking cut vertices
      const coords: Position[] = []
      const cut: ('junction' | 'boundary' | null)[] = []
      const push = (p: Position, c: 'junction' | 'boundary' | null) => {
        const last = coords[coords.length - 1]
        if (last && samePos(last, p)) {
          // a junction outranks a boundary: merging must never swallow a confluence
          if (c === 'junction' || (c && !cut[cut.length - 1])) cut[cut.length - 1] = c
          return
        }
        coords.push(p)
        cut.push(c)
      }
      const src = rp.coords
      for (let i = 0; i < src.length; i++) {
        const p = src[i]
        const isJoin = i > 0 && i < src.length - 1 && joins.has(posKey(p))
        push(p, isJoin ? 'junction' : null)
        if (i === src.length - 1) break
        const q = src[i + 1]
        const ts: number[] = []
        const seen = new Set<number>()
        for (const id of grid.candidates(
          Math.min(p[0], q[0]),
          Math.min(p[1], q[1]),
          Math.max(p[0], q[0]),
          Math.max(p[1], q[1]),
        )) {
          if (seen.has(id)) continue
          seen.add(id)
          const t = segmentCrossT(p, q, grid.a[id], grid.b[id])
          if (t !== null) ts.push(t)
        }
        ts.sort((a, b) => a - b)
        for (const t of ts) {
          const x: Position = [r7(p[0] + (q[0] - p[0]) * t), r7(p[1] + (q[1] - p[1]) * t)]
          if (samePos(x, q)) {
            // crossing at the next vertex: it becomes a cut when pushed
            continue
          }
          push(x, 'boundary')
        }
        // a boundary passing exactly through the next vertex
        if (
          ts.some((t) => samePos([r7(p[0] + (q[0] - p[0]) * t), r7(p[1] + (q[1] - p[1]) * t)], q)) &&
          i + 1 < src.length - 1
        )
          push(q, 'boundary')
      }
      // 2. split at the cuts
      const pieces: Piece[] = []
      let start = 0
      let startCut: Piece['startCut'] = 'first'
      for (let i = 1; i < coords.length; i++) {
        const c = cut[i]
        if (i === coords.length - 1 || c) {
          pieces.push({
            coords: coords.slice(start, i + 1),
            startCut,
            endCut: i === coords.length - 1 ? 'last' : (c as 'junction' | 'boundary'),
            village: null,
          })
          start = i
          startCut = c ?? 'first'
        }
      }
      // 3. village of each piece, from a point strictly inside its first segment
      for (const pc of pieces) {
        const a = pc.coords[0]
        const b = pc.coords[1]
        pc.village = part.villageAt([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2])
      }
      for (let i = 0; i < pieces.length; i++)
        if (!pieces[i].village)
          pieces[i].village = pieces[i - 1]?.village ?? pieces.find((p) => p.village)?.village ?? null
      // 4. merge neighbours in the same village unless a tributary joins between them
      const merged: Piece[] = []
      for (const pc of pieces) {
        const prev = merged[merged.length - 1]
        if (prev && prev.village === pc.village && prev.endCut === 'boundary') {
          prev.coords = [...prev.coords, ...pc.coords.slice(1)]
          prev.endCut = pc.endCut
        } else merged.push({ ...pc })
      }
      // 5. reaches
      merged.forEach((pc, k) => {
        const village = pc.village as AdminUnit
        const township = part.up(village.parent as string)
        const county = part.up(township.parent as string)
        const first = pc.coords[0]
        const last = pc.coords[pc.coords.length - 1]
        const prevV = merged[k - 1]?.village
        const nextV = merged[k + 1]?.village
        const startDesc =
          pc.startCut === 'first'
            ? rp.inflow
              ? river.name === '螳螂川'
                ? '滇池海口出水口'
                : `${river.name}入${pref.name}境处`
              : `${river.name}源头（${village.name}）`
            : pc.startCut === 'junction'
              ? `${(joins.get(posKey(first)) ?? []).join('、')}汇入口`
              : `${prevV?.name ?? ''}与${village.name}交界处`
        const endDesc =
          pc.endCut === 'last'
            ? rp.end === 'lake'
              ? `入${river.basin.lake?.name ?? '湖'}口`
              : rp.end === 'junction'
                ? `汇入${river.parent?.name ?? ''}处`
                : `出${pref.name}境处`
            : pc.endCut === 'junction'
              ? `${(joins.get(posKey(last)) ?? []).join('、')}汇入口`
              : `${village.name}与${nextV?.name ?? ''}交界处`
        let name = `${river.name}${shortName(county.name)}${township.name}${village.name}段`
        const dup = (seenNames.get(name) ?? 0) + 1
        seenNames.set(name, dup)
        if (dup > 1) name = `${name}（${chineseNumber(dup)}）`
        n++
        reaches.push({
          code: `${river.code}-R${String(n).padStart(3, '0')}`,
          river,
          basin: river.basin,
          name,
          startDesc,
          endDesc,
          village,
          township,
          county,
          fromNode: nodes.get(first),
          toNode: nodes.get(last),
          coords: pc.coords,
          lengthM: lineLengthM(pc.coords),
        })
      })
    })
  }
  return reaches
}
