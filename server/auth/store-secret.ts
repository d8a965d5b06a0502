// The secret by which a CLI on this machine proves to the server holding the embedded store that
// it may manage tokens there (issue 12 item 6): a new user cannot get a token while the server
// holds the store, and must not need to stop it. Whoever can read this owner-only file (mode
// 0600) could open the store's files anyway, so it grants nothing the file system does not.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The file's name inside DATA_DIR. */
export const STORE_SECRET_FILE = 'server-secret'
/** The request header that carries it. */
export const STORE_SECRET_HEADER = 'x-rcgis-store-secret'

/** Writes a fresh secret to DATA_DIR/server-secret, readable by the owner only; returns it. */
export function writeStoreSecret(dataDir: string): string {
  const secret = randomBytes(32).toString('base64url')
  const path = join(dataDir, STORE_SECRET_FILE)
  writeFileSync(path, `${secret}\n`, { mode: 0o600 })
  // An existing file keeps its old mode through writeFileSync: set it again.
  chmodSync(path, 0o600)
  return secret
}

/**
 * The secret of the server holding the store in `dataDir`.
 * @throws Error naming the file when it is missing or unreadable (another user's server).
 */
export function readStoreSecret(dataDir: string): string {
  const path = join(dataDir, STORE_SECRET_FILE)
  try {
    return readFileSync(path, 'utf8').trim()
  } catch (error) {
    throw new Error(
      `cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'}): run this as the user who started the server`,
    )
  }
}

/** Compares in constant time (over digests, so lengths do not leak either). */
export function sameSecret(presented: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest()
  return timingSafeEqual(digest(presented), digest(expected))
}
