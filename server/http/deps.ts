// What the HTTP app needs from the outside world, injected so tests build it in-process.
import type { Config } from '../config.ts'
import type { Database } from '../db/database.ts'

export interface AppDeps {
  db: Database
  config: Config
}
