// Tokens: stored hashed, with a role (admin implies staff; a chief token is bound to one chief);
// revoked tokens stop working; the role guard answers 401 and 403 through the app's one error
// handler, without stack traces.
import { createHash } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requireRole } from '../../server/auth/require-role.ts'
import {
  actsForChief,
  createToken,
  findToken,
  listTokens,
  revokeToken,
  roleSatisfies,
} from '../../server/auth/tokens.ts'
import { errorHandler } from '../../server/http/error-handler.ts'
import { ENGINES, openTestDatabase, type TestDatabase } from '../support/test-database.ts'

describe('roles', () => {
  it('admin implies staff, not the reverse', () => {
    expect(roleSatisfies('staff', 'staff')).toBe(true)
    expect(roleSatisfies('admin', 'staff')).toBe(true)
    expect(roleSatisfies('admin', 'admin')).toBe(true)
    expect(roleSatisfies('staff', 'admin')).toBe(false)
    expect(roleSatisfies('admin', 'chief')).toBe(false)
    expect(roleSatisfies('chief', 'staff')).toBe(false)
  })

  it('lets staff and admin act for any chief, a chief token only for its own', () => {
    const token = (role: 'staff' | 'admin' | 'chief', chief_id: string | null) => ({
      id: 1,
      label: null,
      role,
      chief_id,
    })
    expect(actsForChief(token('staff', null), 'C1')).toBe(true)
    expect(actsForChief(token('admin', null), 'C1')).toBe(true)
    expect(actsForChief(token('chief', 'C1'), 'C1')).toBe(true)
    expect(actsForChief(token('chief', 'C1'), 'C2')).toBe(false)
  })
})

describe.each(ENGINES)('%s engine: tokens', (engine) => {
  let t: TestDatabase
  let server: Server
  let base: string

  beforeAll(async () => {
    t = await openTestDatabase(engine, 'empty')
    const app = express()
    app.get('/staff-only', requireRole(t.db, 'staff'), (_req, res) => {
      res.json({ actor: res.locals.actor })
    })
    app.get('/admin-only', requireRole(t.db, 'admin'), (_req, res) => {
      res.json({ ok: true })
    })
    app.get('/staff-or-chief', requireRole(t.db, ['staff', 'chief']), (_req, res) => {
      res.json({ chief: res.locals.token.chief_id })
    })
    app.use(errorHandler)
    server = createServer(app)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const address = server.address()
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  })
  afterAll(async () => {
    server?.close()
    await t?.dispose()
  })

  it('stores only the SHA-256 of a token, and finds the token by it', async () => {
    const created = await createToken(t.db, 'staff', '县水务局')
    expect(created.token).toMatch(/^rcgis_[A-Za-z0-9_-]{43}$/)
    const { rows } = await t.db.query<{ token_hash: string }>(
      'SELECT token_hash FROM api_tokens WHERE id = $1',
      [created.id],
    )
    expect(rows[0].token_hash).toBe(createHash('sha256').update(created.token).digest('hex'))
    const dump = await t.db.query(`SELECT * FROM api_tokens`)
    expect(JSON.stringify(dump.rows)).not.toContain(created.token)
    expect(await findToken(t.db, created.token)).toEqual({
      id: created.id,
      role: 'staff',
      label: '县水务局',
      chief_id: null,
    })
    expect(await findToken(t.db, `${created.token}x`)).toBeNull()
  })

  it('lists tokens without their hashes, and revokes them for good', async () => {
    const created = await createToken(t.db, 'admin')
    expect(Object.keys((await listTokens(t.db))[0]).sort()).toEqual([
      'chief_id',
      'created_at',
      'id',
      'label',
      'revoked_at',
      'role',
    ])
    expect(await revokeToken(t.db, created.id)).toBe(true)
    expect(await revokeToken(t.db, created.id)).toBe(false)
    expect(await findToken(t.db, created.token)).toBeNull()
    expect((await listTokens(t.db)).find((x) => x.id === created.id)?.revoked_at).not.toBeNull()
  })

  it('answers 401 without a usable token and 403 for the wrong role', async () => {
    const staff = await createToken(t.db, 'staff', 'surveyor')
    const admin = await createToken(t.db, 'admin', 'lead')
    const get = (path: string, authorization?: string) =>
      fetch(`${base}${path}`, { headers: authorization ? { authorization } : {} })
    const expectError = async (response: Response, status: number, code: string) => {
      const text = await response.text()
      expect(response.status).toBe(status)
      expect(JSON.parse(text).error.code).toBe(code)
      expect(text).not.toMatch(/\n\s+at /)
    }
    await expectError(await get('/staff-only'), 401, 'unauthorized')
    await expectError(await get('/staff-only', `Basic ${staff.token}`), 401, 'unauthorized')
    await expectError(await get('/staff-only', 'Bearer rcgis_forged'), 401, 'unauthorized')
    await expectError(await get('/admin-only', `Bearer ${staff.token}`), 403, 'forbidden')
    expect(await (await get('/staff-only', `Bearer ${staff.token}`)).json()).toEqual({
      actor: 'token:surveyor',
    })
    expect((await get('/staff-only', `bearer ${admin.token}`)).status).toBe(200)
    expect((await get('/admin-only', `Bearer ${admin.token}`)).status).toBe(200)
  })

  it('binds a chief token to its chief: it passes a chief route only, and the store refuses it unbound', async () => {
    await t.db.query(`INSERT INTO chiefs (id, name) VALUES ('C-42', '张河长')`)
    const chief = await createToken(t.db, 'chief', '张河长', 'C-42')
    expect(await findToken(t.db, chief.token)).toEqual({
      id: chief.id,
      role: 'chief',
      label: '张河长',
      chief_id: 'C-42',
    })
    const get = (path: string) =>
      fetch(`${base}${path}`, { headers: { authorization: `Bearer ${chief.token}` } })
    expect((await get('/staff-only')).status).toBe(403)
    expect(await (await get('/staff-or-chief')).json()).toEqual({ chief: 'C-42' })
    await expect(createToken(t.db, 'chief')).rejects.toThrow(/chief id/)
    // A token for a chief nobody knows would let its holder upload for whoever later gets that id.
    const before = (await listTokens(t.db)).length
    await expect(createToken(t.db, 'chief', undefined, 'NOPE')).rejects.toThrow(/no chief has the id NOPE/)
    expect((await listTokens(t.db)).length).toBe(before)
    await expect(createToken(t.db, 'staff', undefined, 'C-42')).rejects.toThrow(/no chief id/)
    // The CHECK of migration 013 holds without the function's guard too.
    await expect(
      t.db.query(`INSERT INTO api_tokens (token_hash, role) VALUES ('x', 'chief')`),
    ).rejects.toThrow()
    await expect(
      t.db.query(`INSERT INTO api_tokens (token_hash, role, chief_id) VALUES ('y', 'admin', 'C-42')`),
    ).rejects.toThrow()
  })
})
