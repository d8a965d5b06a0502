// What a river chief signboard (河长公示牌) shows for one reach on one day. Seed §6(五): "明确河长
// 姓名、职务、职责、联系方式、责任范围、管护目标等内容" — names, positions, duties, contacts, the
// scope and the targets — plus where the public reports a problem (the office and its hotline).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import type { Config } from '../config.ts'
import type { Queryable } from '../db/database.ts'
import { NotFound } from '../errors.ts'
import { CHIEF_LEVELS, CHIEF_ROLES, WATER_CLASSES } from '../layers/registry.ts'
import { SCOPE_KINDS } from '../query/common-schemas.ts'

const BOARD_SQL = readFileSync(join(import.meta.dirname, 'board.sql'), 'utf8')

const WaterClass = z.enum(WATER_CLASSES)

const End = z.object({
  description: z.string().nullable().meta({ description: "the reach's own start_desc / end_desc" }),
  place: z
    .string()
    .nullable()
    .meta({ description: 'county, township and village at the end point (admin_areas), null outside them' }),
  point: z.tuple([z.number(), z.number()]).meta({ description: 'lon, lat (EPSG:4490)' }),
})

const BoardChief = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string().nullable(),
  level: z.enum(CHIEF_LEVELS),
  role: z.enum(CHIEF_ROLES),
  duties: z
    .string()
    .nullable()
    .meta({ description: 'the duties of the level and role (table chief_duties)' }),
  duties_source: z
    .string()
    .nullable()
    .meta({ description: 'where the duties come from: a seed section, or a general text outside the seed' }),
  contact: z.string().nullable(),
  valid_from: z.string().meta({ format: 'date' }),
  scopes: z
    .array(z.object({ kind: z.enum(SCOPE_KINDS), code: z.string(), name: z.string().nullable() }))
    .meta({ description: 'the reach itself, or the responsibility areas it runs in, that the chief holds' }),
})

export const Signboard = z
  .object({
    date: z.string().meta({ format: 'date', description: 'the day whose chiefs the board shows' }),
    reach: z.object({
      code: z.string(),
      name: z.string(),
      river_code: z.string().nullable(),
      river: z.string().nullable().meta({ description: "the river's name" }),
      start: End,
      end: End,
      length_m: z.number().meta({ description: 'geodesic length on the CGCS2000 ellipsoid (metres)' }),
    }),
    chiefs: z.array(BoardChief).meta({
      description:
        'on duty on the date for the reach and the responsibility areas it runs in: city first, chief-in-general first (one entry per chief, level and role)',
    }),
    targets: z.object({
      water_class: WaterClass.nullable().meta({
        description:
          'the strictest target class of the water function zones the reach runs in, else of the monitoring sections on it, else null',
      }),
      basis: z.enum(['water_function_zone', 'monitoring_section']).nullable(),
      water_function_zones: z.array(
        z.object({ code: z.string().nullable(), name: z.string(), target_class: WaterClass.nullable() }),
      ),
      monitoring_sections: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          level: z.string().nullable(),
          target_class: WaterClass.nullable(),
        }),
      ),
    }),
    office: z.object({
      name: z.string().meta({ description: '滇池流域河长制办公室 or 市河长制办公室 (seed §3(一)1)' }),
      hotline: z.string(),
      authority: z.string(),
      oversight: z.string().meta({ description: 'the oversight body (seed §3(二)3)' }),
      basin: z.string().nullable(),
    }),
    boards: z
      .array(z.object({ code: z.string().nullable(), point: z.tuple([z.number(), z.number()]) }))
      .meta({ description: 'the physical signboards standing on the reach (signboards.reach_code)' }),
  })
  .meta({ id: 'Signboard' })
export type Signboard = z.infer<typeof Signboard>

/** The hotlines of config.ts, by the regime of the reach's basin (seed §3(一)1). */
export type Hotlines = Pick<Config, 'SIGNBOARD_HOTLINE_DIANCHI' | 'SIGNBOARD_HOTLINE_CITY'>

interface OnDuty {
  id: string
  name: string
  position: string | null
  level: BoardChief['level']
  role: BoardChief['role']
  contact: string | null
  valid_from: string
  scope: { kind: BoardChief['scopes'][number]['kind']; code: string; name: string | null }
}

interface BoardRow {
  code: string
  name: string
  river_code: string | null
  river: string | null
  start_desc: string | null
  end_desc: string | null
  length_m: number
  ends: Record<'start' | 'end', { place: string | null; lon: number; lat: number }>
  chiefs: OnDuty[]
  duties: { level: string; role: string; duties: string; source: string }[]
  water_function_zones: Signboard['targets']['water_function_zones']
  monitoring_sections: Signboard['targets']['monitoring_sections']
  governance: {
    governance: string
    office: string
    authority: string
    oversight: string
    basin: string | null
  }
  boards: { code: string | null; lon: number; lat: number }[]
}

type BoardChief = z.infer<typeof BoardChief>

/** The best (lowest) class of a list, in GB 3838-2002 order I … 劣Ⅴ; null for none. */
function strictest(classes: (string | null)[]): Signboard['targets']['water_class'] {
  const ranks = classes
    .map((c) => WATER_CLASSES.indexOf(c as (typeof WATER_CLASSES)[number]))
    .filter((i) => i >= 0)
  return ranks.length ? WATER_CLASSES[Math.min(...ranks)] : null
}

/**
 * The signboard of reach `reachCode` as of `date` (YYYY-MM-DD, Kunming's calendar day).
 * - chiefs: chiefs_on_duty (migration 007; half-open validity) for the reach and every chief area
 *   holding at least 1 m of it (geodesic); one entry per (chief, level, role), its scopes merged.
 *   Duties by (level, role) from table chief_duties (migration 016; seed §3(二)2 where the seed
 *   states them, a general text marked as outside the seed where §3(二)2 leaves them to counties).
 * - reach.length_m: geodesic metres (geography, CGCS2000 ellipsoid); start/end: the reach's own
 *   descriptions and the admin places of its end points.
 * - targets: target classes of the water function zones it runs in (on its river) and of monitoring
 *   sections within `nearM` metres on its river; water_class the strictest, zones first.
 * - office: basin_governance at the reach's middle (seed §3(一)1), hotline from `hotlines`.
 * @throws NotFound when no reach has that code.
 */
export async function signboardFor(
  db: Queryable,
  reachCode: string,
  date: string,
  { hotlines, nearM }: { hotlines: Hotlines; nearM: number },
): Promise<Signboard> {
  const { rows } = await db.query<BoardRow>(BOARD_SQL, [reachCode, date, nearM])
  const row = rows[0]
  if (!row) throw new NotFound(`no reach with code '${reachCode}'`)
  const duties = new Map(row.duties.map((d) => [`${d.level}|${d.role}`, d]))
  const chiefs = new Map<string, BoardChief>()
  for (const c of row.chiefs) {
    const key = `${c.id}|${c.level}|${c.role}`
    const scope = { kind: c.scope.kind, code: c.scope.code, name: c.scope.name }
    const seen = chiefs.get(key)
    if (seen) {
      seen.scopes.push(scope)
      continue
    }
    const duty = duties.get(`${c.level}|${c.role}`)
    chiefs.set(key, {
      id: c.id,
      name: c.name,
      position: c.position,
      level: c.level,
      role: c.role,
      duties: duty?.duties ?? null,
      duties_source: duty?.source ?? null,
      contact: c.contact,
      valid_from: c.valid_from,
      scopes: [scope],
    })
  }
  const zoneClass = strictest(row.water_function_zones.map((z) => z.target_class))
  const sectionClass = strictest(row.monitoring_sections.map((s) => s.target_class))
  const g = row.governance
  const end = (which: 'start' | 'end', description: string | null) => ({
    description,
    place: row.ends[which].place,
    point: [row.ends[which].lon, row.ends[which].lat] as [number, number],
  })
  return {
    date,
    reach: {
      code: row.code,
      name: row.name,
      river_code: row.river_code,
      river: row.river,
      start: end('start', row.start_desc),
      end: end('end', row.end_desc),
      length_m: row.length_m,
    },
    chiefs: [...chiefs.values()],
    targets: {
      water_class: zoneClass ?? sectionClass,
      basis: zoneClass ? 'water_function_zone' : sectionClass ? 'monitoring_section' : null,
      water_function_zones: row.water_function_zones,
      monitoring_sections: row.monitoring_sections,
    },
    office: {
      name: g.office,
      hotline:
        g.governance === 'dianchi' ? hotlines.SIGNBOARD_HOTLINE_DIANCHI : hotlines.SIGNBOARD_HOTLINE_CITY,
      authority: g.authority,
      oversight: g.oversight,
      basin: g.basin,
    },
    boards: row.boards.map((b) => ({ code: b.code, point: [b.lon, b.lat] })),
  }
}
