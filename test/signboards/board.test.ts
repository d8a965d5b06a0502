// GET /api/signboards/{reachCode}, /signboards/{reachCode}.html and /api/signboards?county= on a
// hand-built county whose chiefs, areas, zones and basin are known, on every engine.
//
//   102.60        102.70        102.80   (lon; lat 24.95–25.05)
//   | 上村         | 下村          |      one county, one township, two villages
//   |  T-R1 ~~~~~~>|  T-R2 ~~~~~~>|      river T flows east; T-R1 ends on the village border
//   | 滇池 basin   |               |      the basin covers the west half only
import type { AddressInfo } from 'node:net'
import * as turf from '@turf/turf'
import geographiclib from 'geographiclib-geodesic'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config.ts'
import { createApp } from '../../server/http/app.ts'
import { listen } from '../../server/http/listen.ts'
import { Signboard } from '../../server/signboards/board.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

const box = (w: number, s: number, e: number, n: number) =>
  `SRID=4490;MULTIPOLYGON(((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s})))`
const R1: [number, number][] = [
  [102.62, 25.0],
  [102.66, 25.01],
  [102.7, 25.0],
]
const R2: [number, number][] = [
  [102.7, 25.0],
  [102.78, 25.0],
]
const line = (c: [number, number][]) => `SRID=4490;LINESTRING(${c.map((p) => p.join(' ')).join(',')})`
const HOSTILE = `<script>alert("x")</script>&'`
const HOSTILE_CONTACT = `"><img src=x onerror=alert(1)>`
// Seed §3(二)2, copied here from the seed's text (not from the migration).
const SEED_CHIEF_GENERAL =
  '负责本级河长制工作的组织领导、统筹协调、决策部署，解决深化河长制过程中的重大问题。'

const FIXTURE = [
  `INSERT INTO admin_areas (code, name, level, parent_code, geom) VALUES
     ('530199000000', '测试区', 'county', '530100000000', '${box(102.6, 24.95, 102.8, 25.05)}'),
     ('530199001000', '甲街道', 'township', '530199000000', '${box(102.6, 24.95, 102.8, 25.05)}'),
     ('530199001001', '上村', 'village', '530199001000', '${box(102.6, 24.95, 102.7, 25.05)}'),
     ('530199001002', '下村', 'village', '530199001000', '${box(102.7, 24.95, 102.8, 25.05)}'),
     ('530198000000', '邻区', 'county', '530100000000', '${box(102.8, 24.95, 102.9, 25.05)}')`,
  `INSERT INTO basins (code, name, governance, geom) VALUES ('DC', '滇池', 'dianchi', '${box(102.6, 24.95, 102.7, 25.05)}')`,
  `INSERT INTO rivers (code, name, geom) VALUES ('T', '测试河', 'SRID=4490;MULTILINESTRING((102.62 25,102.66 25.01,102.7 25,102.78 25))')`,
  `INSERT INTO reaches (code, river_code, name, start_desc, end_desc, geom) VALUES
     ('T-R1', 'T', '测试河上村段', '测试河源头', NULL, '${line(R1)}'),
     ('T-R2', 'T', '测试河下村段', NULL, '出境处', '${line(R2)}')`,
  `INSERT INTO chief_areas (code, name, level, geom) VALUES
     ('CA-530199000000', '测试区总河长责任区', 'county', '${box(102.6, 24.95, 102.8, 25.05)}'),
     ('VG-XIA', '下村一组', 'village_group', '${box(102.7, 24.95, 102.8, 25.05)}')`,
  `INSERT INTO chiefs (id, name, position, contact) VALUES
     ('G1', '张总', '区委书记', '0871-0001'),
     ('V-OLD', '王旧', '上村村委会主任', '13900000001'),
     ('V-NEW', '李新', '上村党总支书记', '13900000002'),
     ('H1', $$${HOSTILE}$$, '甲街道办事处主任', $$${HOSTILE_CONTACT}$$),
     ('S-XIA', '赵专', '下村一组组长', '13900000003')`,
  `INSERT INTO assignments (chief_id, level, role, scope_kind, scope_code, valid_from, valid_to) VALUES
     ('G1', 'county', 'chief_general', 'area', 'CA-530199000000', '2017-06-01', NULL),
     ('V-OLD', 'village', 'chief', 'reach', 'T-R1', '2017-06-01', '2023-01-01'),
     ('V-NEW', 'village', 'chief', 'reach', 'T-R1', '2023-01-01', NULL),
     ('H1', 'township', 'chief', 'reach', 'T-R1', '2017-06-01', NULL),
     ('S-XIA', 'village_group', 'specialist', 'area', 'VG-XIA', '2017-06-01', NULL)`,
  `INSERT INTO water_function_zones (code, name, river_code, target_class, geom) VALUES
     ('Z1', '测试河保护区', 'T', 'III', '${box(102.6, 24.95, 102.7, 25.05)}'),
     ('Z2', '他河饮用水源区', 'OTHER', 'II', '${box(102.6, 24.95, 102.8, 25.05)}')`,
  `INSERT INTO monitoring_sections (code, name, river_code, level, target_class, geom) VALUES
     ('S1', '上村断面', 'T', 'city', 'II', 'SRID=4490;POINT(102.66 25.01)'),
     ('S2', '下村断面', 'T', 'county', 'IV', 'SRID=4490;POINT(102.74 25.0)')`,
  `INSERT INTO signboards (code, chief_name, reach_code, geom) VALUES ('B1', '李新', 'T-R1', 'SRID=4490;POINT(102.621 25.0002)')`,
]

const { Geodesic } = geographiclib
/** Ellipsoidal length by GeographicLib (WGS 84's a and f; CGCS2000's f differs by 1e-11). */
const geodesicLength = (c: [number, number][]) =>
  c.slice(1).reduce((sum, p, i) => {
    const q = c[i]
    return sum + (Geodesic.WGS84.Inverse(q[1], q[0], p[1], p[0]).s12 as number)
  }, 0)

describe.each(ENGINES)('%s engine', (engine) => {
  let t: TestDatabase
  let base: string
  let close: () => Promise<void>
  const get = async (path: string) => {
    const response = await fetch(base + path)
    const text = await response.text()
    return { status: response.status, type: response.headers.get('content-type') ?? '', text }
  }
  const board = async (path: string) => {
    const reply = await get(path)
    expect(reply.status, reply.text).toBe(200)
    return Signboard.parse(JSON.parse(reply.text))
  }

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    for (const sql of FIXTURE) await t.db.query(sql)
    const config = loadConfig({
      DEMO: '0',
      SIGNBOARD_HOTLINE_DIANCHI: '0871-1111',
      SIGNBOARD_HOTLINE_CITY: '0871-2222',
    })
    const server = listen(createApp({ db: t.db, config }), 0, '127.0.0.1')
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  })
  afterAll(async () => {
    await close?.()
    await t?.dispose()
  })

  it("lists the reach's and its areas' chiefs on the date, the replaced one not, with duties and contacts", async () => {
    const b = await board('/api/signboards/T-R1?date=2023-06-01')
    expect(b.chiefs.map((c) => [c.level, c.role, c.name, c.contact])).toEqual([
      ['county', 'chief_general', '张总', '0871-0001'],
      ['township', 'chief', HOSTILE, HOSTILE_CONTACT],
      ['village', 'chief', '李新', '13900000002'],
    ])
    // 下村一组 only touches T-R1 at its end: its specialist is not on this board.
    expect(b.chiefs.map((c) => c.id)).not.toContain('S-XIA')
    const general = b.chiefs[0]
    expect(general).toMatchObject({
      position: '区委书记',
      duties: SEED_CHIEF_GENERAL,
      duties_source: 'seed §3(二)2',
    })
    expect(general.scopes).toEqual([{ kind: 'area', code: 'CA-530199000000', name: '测试区总河长责任区' }])
    // The seed leaves village chiefs' duties to the county: the text says it is not the seed's.
    expect(b.chiefs[2].duties).toBeTruthy()
    expect(b.chiefs[2].duties_source).toMatch(/outside the seed/)
  })

  it('keeps validity half-open: the hand-over day belongs to the new chief only', async () => {
    const names = async (date: string) =>
      (await board(`/api/signboards/T-R1?date=${date}`)).chiefs
        .filter((c) => c.level === 'village')
        .map((c) => c.name)
    expect(await names('2022-12-31')).toEqual(['王旧'])
    expect(await names('2023-01-01')).toEqual(['李新'])
    expect(await names('2017-05-31')).toEqual([])
  })

  it('gives the scope: ends, places and the geodesic length', async () => {
    const b = await board('/api/signboards/T-R1?date=2023-06-01')
    expect(b.reach).toMatchObject({ code: 'T-R1', name: '测试河上村段', river_code: 'T', river: '测试河' })
    expect(b.reach.start).toEqual({ description: '测试河源头', place: '测试区甲街道上村', point: R1[0] })
    // The end lies on the 上村/下村 border: the place is the village the reach runs in.
    expect(b.reach.end).toEqual({ description: null, place: '测试区甲街道上村', point: R1[2] })
    const expected = geodesicLength(R1)
    expect(Math.abs(b.reach.length_m - expected)).toBeLessThan(0.01)
    // turf measures on a sphere: within 0.5 % of the ellipsoid.
    expect(Math.abs(b.reach.length_m / (turf.length(turf.lineString(R1)) * 1000) - 1)).toBeLessThan(0.005)
    const { rows } = await t.db.query<{ m: number }>(
      `SELECT ST_Length(ST_GeomFromText('LINESTRING(102.62 25,102.66 25.01,102.7 25)', 4490)::geography) AS m`,
    )
    expect(Math.abs(b.reach.length_m - rows[0].m)).toBeLessThan(0.001)
  })

  it("gives the targets of the reach's function zone on its river, and its sections", async () => {
    const b = await board('/api/signboards/T-R1')
    expect(b.targets).toMatchObject({ water_class: 'III', basis: 'water_function_zone' })
    expect(b.targets.water_function_zones).toEqual([
      { code: 'Z1', name: '测试河保护区', target_class: 'III' },
    ])
    expect(b.targets.monitoring_sections.map((s) => s.code)).toEqual(['S1'])
    // T-R2 runs in no zone of its river: its section's class is the target.
    const r2 = await board('/api/signboards/T-R2')
    expect(r2.targets).toMatchObject({ water_class: 'IV', basis: 'monitoring_section' })
  })

  it('gives the office and hotline of the basin: 滇池 inside it, the city office outside', async () => {
    const b = await board('/api/signboards/T-R1')
    expect(b.office).toMatchObject({
      name: '滇池流域河长制办公室',
      hotline: '0871-1111',
      oversight: '人大督察组',
    })
    const r2 = await board('/api/signboards/T-R2')
    expect(r2.office).toMatchObject({ name: '市河长制办公室', hotline: '0871-2222', oversight: '政协督察组' })
    expect(r2.chiefs.map((c) => c.name)).toEqual(['张总', '赵专'])
    expect(b.boards).toEqual([{ code: 'B1', point: [102.621, 25.0002] }])
  })

  it('prints an A4 page with every value escaped and no remote asset', async () => {
    const page = await get('/signboards/T-R1.html?date=2023-06-01')
    expect(page.status).toBe(200)
    expect(page.type).toMatch(/^text\/html/)
    expect(page.text).toMatch(/@page\s*\{\s*size:\s*A4/)
    expect(page.text).not.toMatch(/<script|<img|onerror=alert\(1\)>/)
    expect(page.text).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#38;&#39;')
    expect(page.text).not.toMatch(/https?:\/\/|@import|url\(/)
    expect(page.text.match(/<section class="board"/g)).toHaveLength(1)
    for (const text of ['李新', '13900000002', '0871-1111', '测试河源头', 'Ⅲ类'])
      expect(page.text).toContain(text)
    expect(page.text).not.toContain('王旧')
  })

  it('answers 404 for an unknown reach (JSON and page) and 400 for a bad date', async () => {
    const missing = await get('/api/signboards/NO-SUCH')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.text).error).toMatchObject({ code: 'not_found' })
    const page = await get(`/signboards/${encodeURIComponent('<b>x')}.html`)
    expect(page.status).toBe(404)
    expect(page.type).toMatch(/^text\/html/)
    expect(page.text).toContain('&#60;b&#62;x')
    const bad = await get('/api/signboards/T-R1?date=2023-02-30')
    expect(bad.status).toBe(400)
    expect(JSON.parse(bad.text).error.message).toMatch(/date/)
  })

  it("lists a county's reaches by the point at half their length", async () => {
    const list = JSON.parse((await get('/api/signboards?county=530199000000')).text)
    expect(list).toEqual({
      county: { code: '530199000000', name: '测试区' },
      reaches: [
        { code: 'T-R1', name: '测试河上村段', river_code: 'T' },
        { code: 'T-R2', name: '测试河下村段', river_code: 'T' },
      ],
    })
    expect(JSON.parse((await get('/api/signboards?county=530198000000')).text).reaches).toEqual([])
    expect((await get('/api/signboards?county=530199001000')).status).toBe(400)
    expect((await get('/api/signboards?county=530199999000')).status).toBe(404)
    expect((await get('/api/signboards?county=12')).status).toBe(400)
  })
})
