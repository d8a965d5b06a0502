// `npm start` builds the web viewer when web/dist is missing or older than its sources, so
// `npm install && npm start` stays the whole set-up (issue 12) while web/dist stays out of git.
import { readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '..')
const WEB = join(ROOT, 'web')
// Besides web/ itself, what changes the build: its dependencies' versions.
const LOCK_FILE = join(ROOT, 'package-lock.json')
// Not sources: the build itself and the browser tests' build lock.
const NOT_SOURCES = new Set(['dist', '.build-lock', 'node_modules'])

/** The newest modification time (ms) of the files under `dir`, the build output left out. */
function newestSource(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (NOT_SOURCES.has(entry.name)) continue
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs)
  }
  return newest
}

const mtime = (path: string) => {
  try {
    return statSync(path).mtimeMs
  } catch {
    return 0
  }
}

/**
 * Whether `web`/dist/index.html is missing or older than a file under `web` (dist left out) or
 * than `lockFile`. Defaults: this repository's web/ and package-lock.json.
 */
export function viewerBuildStale(web: string = WEB, lockFile: string = LOCK_FILE): boolean {
  const built = mtime(join(web, 'dist', 'index.html'))
  if (built === 0) return true
  return Math.max(newestSource(web), mtime(lockFile)) > built
}

/**
 * Builds the viewer into web/dist with Vite (web/vite.config.ts) when stale; returns whether it
 * built. Vite is imported only then, so a server with a built viewer starts without it.
 * @throws the build's error (a syntax error in web/): the caller decides whether to go on.
 */
export async function buildViewerIfStale(log: (line: string) => void = console.log): Promise<boolean> {
  if (!viewerBuildStale()) return false
  const started = Date.now()
  const { build } = await import('vite')
  await build({ configFile: join(WEB, 'vite.config.ts'), logLevel: 'warn' })
  log(`built the web viewer into web/dist in ${Date.now() - started} ms`)
  return true
}
