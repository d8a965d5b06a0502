// POST /api/import over real HTTP (in-process server): bearer token with the staff role,
// configurable limits named in 413/400 answers, the import report on success, and never a
// stack trace in a body.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createToken, revokeToken } from '../../server/auth/tokens.ts'
import { loadConfig } from '../../server/config.ts'
import { createApp } from '../../server/http/app.ts'
import { writeShapefile } from '../support/shapefile-writer.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { CORPUS, SHARED_DATA } from './corpus-inputs.ts'

const YUNNAN = join(SHARED_DATA, 'yunnan_gbk')
const yunnanFiles = ['shp', 'shx', 'dbf', 'prj', 'cpg'].map((e) => join(YUNNAN, `yunnan_gbk.${e}`))

function form(fields: Record<string, string>, files: string[], name = 'files'): FormData {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) body.set(k, v)
  for (const f of files) body.append(name, new Blob([readFileSync(f)]), f.split('/').pop())
  return body
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
}

describe.each(ENGINES)('%s engine: POST /api/import', (engine) => {
  let t: TestDatabase
  let staff: string
  let admin: string
  let revoked: string
  const servers: Server[] = []
  let base: string
  let tight: string

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    staff = (await createToken(t.db, 'staff', 'surveyor')).token
    admin = (await createToken(t.db, 'admin')).token
    const gone = await createToken(t.db, 'staff', 'former')
    await revokeToken(t.db, gone.id)
    revoked = gone.token
    const app = createApp({ db: t.db, config: loadConfig({ MAX_UPLOAD_MB: '1', MAX_FEATURES: '100' }) })
    const strict = createApp({ db: t.db, config: loadConfig({ MAX_FEATURES: '10', MAX_VERTICES: '50' }) })
    const s1 = createServer(app)
    const s2 = createServer(strict)
    servers.push(s1, s2)
    base = await listen(s1)
    tight = await listen(s2)
  })
  afterAll(async () => {
    for (const s of servers) s.close()
    await t?.dispose()
  })

  const post = (url: string, body: FormData | string, token?: string, type?: string) =>
    fetch(`${url}/api/import`, {
      method: 'POST',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(type ? { 'content-type': type } : {}),
      },
      body,
    })

  async function expectError(response: Response, status: number, message: RegExp) {
    const text = await response.text()
    expect(response.status, text).toBe(status)
    expect(text).not.toMatch(/\n\s+at |\.ts:\d+/) // no stack traces
    const body = JSON.parse(text) as { error: { code: string; message: string } }
    expect(body.error.message).toMatch(message)
    return body.error
  }

  it('answers 401 without a token, with an unknown one, and with a revoked one', async () => {
    const fields = { layer: 'basins' }
    await expectError(await post(base, form(fields, yunnanFiles)), 401, /bearer token with the staff role/)
    await expectError(
      await post(base, form(fields, yunnanFiles), 'rcgis_nonsense'),
      401,
      /unknown or revoked/,
    )
    await expectError(await post(base, form(fields, yunnanFiles), revoked), 401, /unknown or revoked/)
  })

  it('imports the loose parts of a shapefile and returns the report', async () => {
    const response = await post(base, form({ layer: 'basins', mode: 'replace' }, yunnanFiles), staff)
    const report = await response.json()
    expect(response.status).toBe(200)
    expect(report).toMatchObject({
      layer: 'basins',
      mode: 'replace',
      fileName: 'yunnan_gbk.shp',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      crs: { used: 'EPSG:4326', reason: expect.any(String) },
      encoding: { used: 'gbk', reason: "yunnan_gbk.cpg says 'CP936'" },
      counts: { read: 16, inserted: 16, skipped: 0, rejected: 0 },
      mapping: { name: 'name' },
      unmappedFields: ['id'],
      dryRun: false,
      importId: expect.any(Number),
    })
    const { rows } = await t.db.query<{ actor: string; status: string }>(
      'SELECT actor, status FROM import_log WHERE id = $1',
      [report.importId],
    )
    expect(rows[0]).toEqual({ actor: 'token:surveyor', status: 'ok' })
    const names = await t.db.query<{ name: string }>('SELECT name FROM basins WHERE import_id = $1', [
      report.importId,
    ])
    expect(names.rows.map((r) => r.name)).toContain('昆明市')
  })

  it('imports a zip with a mapping field, and an admin token will do', async () => {
    const body = form(
      { layer: 'lakes', mapping: JSON.stringify({ defaults: { name: '未命名' } }), dryRun: 'true' },
      [join(CORPUS, 'shapefile-js/test/data/qgis.zip')],
    )
    const response = await post(base, body, admin)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      fileName: 'qgis.zip',
      dryRun: true,
      importId: null,
      counts: { inserted: 2 },
    })
  })

  it('answers 413 for an upload over MAX_UPLOAD_MB, naming it', async () => {
    const big = new Blob([Buffer.alloc(1_200_000, 0x20)])
    const body = new FormData()
    body.set('layer', 'basins')
    body.append('files', big, 'huge.shp')
    await expectError(await post(base, body, staff), 413, /MAX_UPLOAD_MB = 1 MB/)
  })

  it('names MAX_FEATURES and MAX_VERTICES when a file exceeds them', async () => {
    await expectError(
      await post(tight, form({ layer: 'basins' }, yunnanFiles), staff),
      413,
      /MAX_FEATURES = 10/,
    )
    const dir = mkdtempSync(join(tmpdir(), 'rcgis-http-'))
    const ring = Array.from({ length: 61 }, (_, i): [number, number] => [
      102.7 + 0.01 * Math.cos((-2 * Math.PI * i) / 60),
      25 + 0.01 * Math.sin((-2 * Math.PI * i) / 60),
    ])
    const shp = writeShapefile(dir, 'round', {
      shapeType: 'Polygon',
      fields: [{ name: 'MC', type: 'C', length: 10 }],
      records: [{ shape: { type: 'Polygon', rings: [ring] }, values: ['圆湖'] }],
    })
    const error = await expectError(
      await post(tight, form({ layer: 'lakes' }, [shp, shp.replace('.shp', '.dbf')]), staff),
      400,
      /record #1 has 61 vertices, more than the limit MAX_VERTICES = 50/,
    )
    rmSync(dir, { recursive: true, force: true })
    expect(error.code).toBe('limit_exceeded')
  })

  it('answers 400 with a clear message for bad input, never a 500', async () => {
    await expectError(
      await post(base, form({ layer: 'rivers' }, [join(CORPUS, 'shapefile-js/test/data/badzip.zip')]), staff),
      400,
      /not a readable zip/,
    )
    const htmlprj = ['shp', 'dbf', 'prj', 'cpg'].map((e) =>
      join(CORPUS, `shapefile-js/test/data/htmlprj.${e}`),
    )
    await expectError(
      await post(base, form({ layer: 'signboards' }, htmlprj), staff),
      400,
      /HTML page.*--crs/,
    )
    await expectError(
      await post(base, form({ layer: 'nowhere' }, yunnanFiles), staff),
      400,
      /unknown layer 'nowhere'/,
    )
    await expectError(
      await post(base, form({ layer: 'basins', mode: 'merge' }, yunnanFiles), staff),
      400,
      /mode must be append or replace/,
    )
    await expectError(await post(base, form({ layer: 'basins' }, []), staff), 400, /no file was uploaded/)
    await expectError(
      await post(base, '{"layer":"basins"}', staff, 'application/json'),
      400,
      /multipart\/form-data/,
    )
    const rejected = await expectError(
      await post(
        base,
        form(
          { layer: 'signboards' },
          [join(CORPUS, 'shapefile-js/test/data/export_multipointz.shp')].concat(
            ['dbf', 'prj', 'shx'].map((e) => join(CORPUS, `shapefile-js/test/data/export_multipointz.${e}`)),
          ),
        ),
        staff,
      ),
      400,
      /#1 \(MULTIPOINT is not Point\)/,
    )
    expect(rejected.code).toBe('records_rejected')
  })
})
