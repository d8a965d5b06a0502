// One private store per test file with the mini city loaded, and an HTTP client on it.

import type { EngineName } from '../../server/db/database.ts'
import { loadMiniCity } from '../fixtures/query/mini-city.ts'
import { openTestDatabase, type TestDatabase } from '../support/test-database.ts'
import { type Client, startClient } from './http-client.ts'

export interface MiniCity {
  t: TestDatabase
  client: Client
  dispose(): Promise<void>
}

export async function openMiniCity(engine: EngineName, env: Record<string, string> = {}): Promise<MiniCity> {
  const t = await openTestDatabase(engine, 'empty')
  await loadMiniCity(t.db)
  const client = await startClient(t.db, env)
  return {
    t,
    client,
    async dispose() {
      await client.close()
      await t.dispose()
    },
  }
}
