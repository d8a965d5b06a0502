// All configuration comes from the environment, is validated once, and is frozen.
import { z } from 'zod'
import { WINDOW_KINDS } from './patrols/windows.ts'

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')

const schema = z.object({
  /** HTTP port. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on; 0.0.0.0 to serve the network. */
  HOST: z.string().default('127.0.0.1'),
  /** postgres://… selects the server engine; unset selects the embedded store. */
  DATABASE_URL: z.string().url().optional(),
  /** Folder of the embedded store. */
  DATA_DIR: z.string().default('./.data'),
  /** Connections in the server engine's pool. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(8),
  /** Load the demo city when the store has no data. */
  DEMO: bool.default(true),
  /** Size of the demo city (1 = Kunming; 10 ≈ a province). */
  DEMO_SCALE: z.coerce.number().int().min(1).max(100).default(1),
  /** A point within this distance of a reach gets that reach's chiefs (metres). */
  LOCATE_NEAR_M: z.coerce.number().positive().max(5000).default(200),
  /**
   * Who answers /api/locate: 'index', the in-process index kept in step with the data (answering
   * from SQL while it builds or after a change until rebuilt), or 'sql', always the SQL statement.
   */
  LOCATE_ENGINE: z.enum(['index', 'sql']).default('index'),
  /** Largest upload accepted by POST /api/import (megabytes). */
  MAX_UPLOAD_MB: z.coerce.number().positive().default(512),
  /** Most features one import may hold. */
  MAX_FEATURES: z.coerce.number().int().positive().default(2_000_000),
  /** Most vertices one feature (imported or sent to the API) may hold. */
  MAX_VERTICES: z.coerce.number().int().positive().default(100_000),
  /** Most points in one POST /api/locate batch. */
  MAX_BATCH: z.coerce.number().int().positive().default(10_000),
  /** Absolute URL clients reach this server at (TileJSON, style, OGC links); unset: from the request. */
  PUBLIC_URL: z.string().url().optional(),
  /** Trust X-Forwarded-Proto/-Host/-Prefix from a reverse proxy such as nginx when building URLs. */
  TRUST_PROXY: bool.default(false),
  /** Folder of the PMTiles archives served at /pmtiles/{name} (npm run export:pmtiles writes them). */
  TILES_DIR: z.string().min(1).default('./tiles/archives'),
  /** Most memory the in-memory tile cache may hold (megabytes); 0 turns it off. */
  TILE_CACHE_MB: z.coerce.number().min(0).max(65_536).default(128),
  /** Cache-Control of tile answers; ETags make a browser's revalidation a cheap 304. */
  TILE_CACHE_CONTROL: z.string().default('no-cache'),
  /** Origins whose pages may read public tiles (CORS): '*' or a comma-separated list of origins. */
  CORS_ORIGIN: z.string().default('*'),
  /** A direct connection for LISTEN (a transaction pooler drops it); unset: DATABASE_URL. */
  LISTEN_DATABASE_URL: z.string().url().optional(),
  /** Longest a tile may run in the database before it is cancelled and answered 503 (ms). */
  TILE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Hotline a signboard prints for the 滇池流域河长制办公室 (seed §3(一)1); 12345 is the government service line. */
  SIGNBOARD_HOTLINE_DIANCHI: z.string().min(1).max(40).default('12345'),
  /** Hotline a signboard prints for the 市河长制办公室 (outside the 滇池 basin, seed §3(一)1). */
  SIGNBOARD_HOTLINE_CITY: z.string().min(1).max(40).default('12345'),
  /** Public reports (POST /api/reports) one client IP may file per REPORT_RATE_WINDOW_S; more get 429. */
  REPORT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
  /** The window of REPORT_RATE_LIMIT (seconds). */
  REPORT_RATE_WINDOW_S: z.coerce.number().int().positive().default(900),
  /** Largest JSON body of POST/PATCH /api/reports (bytes); larger gets 413. */
  REPORT_MAX_BYTES: z.coerce.number().int().min(256).default(16_384),
  /** Longest report text (characters). */
  REPORT_MAX_CHARS: z.coerce.number().int().positive().default(2000),
  /**
   * How often village-group specialists (专管员) must patrol: quarter, two_months, month or
   * half_month; unset, the seed's §5(四) sets none and compliance lists them without pass or fail.
   */
  PATROL_FREQUENCY_VILLAGE_GROUP: z.enum(WINDOW_KINDS).optional(),
  /** A patrol shorter than this is flagged short_duration (minutes; issue 13 after seed §5(四)). */
  PATROL_MIN_MINUTES: z.coerce.number().min(0).default(30),
  /** A township or village chief's patrol shorter than this is flagged short_length (kilometres). */
  PATROL_MIN_KM_LOCAL: z.coerce.number().min(0).default(2),
  /** A speed between two fixes above this is a GPS jump, flagged speed_jump (km/h). */
  PATROL_MAX_KMH: z.coerce.number().positive().default(150),
  /** The part of a reach or shoreline within this distance of a track is covered (metres). */
  PATROL_NEAR_M: z.coerce.number().positive().max(5000).default(150),
  /** Largest body of POST /api/patrols, GeoJSON or GPX (bytes); larger gets 413. */
  PATROL_MAX_BYTES: z.coerce.number().int().min(1024).default(8_388_608),
})

export type Config = Readonly<z.infer<typeof schema>>

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(schema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  )
  const parsed = schema.safeParse(picked)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new ConfigError(`invalid configuration: ${problems}`)
  }
  return Object.freeze(parsed.data)
}
