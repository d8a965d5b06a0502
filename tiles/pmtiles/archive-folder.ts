// The PMTiles archives a server publishes: the *.pmtiles files of one folder (TILES_DIR), each
// opened once and reopened when the file changes (size or mtime), so an export that replaces an
// archive is served from then on without a restart.
import { readdir, stat } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { PmtilesTileSource } from './pmtiles-tile-source.ts'

/**
 * An archive name: 1–100 letters, digits, `_`, `-` or `.`, starting with a letter, digit or `_`.
 * No `/`, `\` or leading `.`, so a name never leaves the folder (`..`, `../x`, `.hidden`).
 */
export const ARCHIVE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/

/** One archive as it is on disk now. */
export interface PublishedArchive {
  name: string
  path: string
  bytes: number
  /** A strong HTTP entity tag of this version of the file (RFC 9110 §8.8.3), quotes included. */
  etag: string
  source: PmtilesTileSource
}

interface OpenArchive {
  etag: string
  source: Promise<PmtilesTileSource>
}

export class ArchiveFolder {
  readonly dir: string
  private readonly open = new Map<string, OpenArchive>()

  /** @param dir the folder, relative to the working directory or absolute. */
  constructor(dir: string) {
    this.dir = resolve(dir)
  }

  /**
   * The archive `name` (without `.pmtiles`), or undefined when the name is not an archive name or
   * no such file exists.
   * @throws Error when the file exists but is not a PMTiles v3 archive of MVT tiles.
   */
  async get(name: string): Promise<PublishedArchive | undefined> {
    if (!ARCHIVE_NAME.test(name)) return undefined
    const path = join(this.dir, `${name}.pmtiles`)
    const stats = await stat(path).catch(() => undefined)
    if (!stats?.isFile()) return undefined
    // Size and mtime (sub-millisecond): a replaced archive gets a new tag, as nginx's ETag does.
    const etag = `"${stats.size.toString(36)}-${stats.mtimeMs.toString(36).replace('.', '_')}"`
    let archive = this.open.get(name)
    if (archive?.etag !== etag) {
      const previous = archive
      archive = { etag, source: PmtilesTileSource.open(path, etag) }
      this.open.set(name, archive)
      // A failed open is not kept: the next request tries again (the file may be mid-copy).
      archive.source.catch(() => this.open.get(name) === archive && this.open.delete(name))
      // Requests still reading the old version keep its open handle (a rename leaves the old file
      // readable through it) for a while before it is closed.
      if (previous)
        setTimeout(() => previous.source.then((source) => source.close()).catch(() => {}), 30_000).unref()
    }
    return { name, path, bytes: stats.size, etag, source: await archive.source }
  }

  /** The names of the archives in the folder now (files `{name}.pmtiles`), sorted; none when the folder is missing. */
  async names(): Promise<string[]> {
    const files = await readdir(this.dir, { withFileTypes: true }).catch(() => [])
    return files
      .filter((f) => f.isFile() && f.name.endsWith('.pmtiles'))
      .map((f) => f.name.slice(0, -'.pmtiles'.length))
      .filter((name) => ARCHIVE_NAME.test(name))
      .sort()
  }

  /** Closes every open archive. */
  async close(): Promise<void> {
    const sources = [...this.open.values()].map((archive) => archive.source)
    this.open.clear()
    await Promise.allSettled(sources.map(async (source) => (await source).close()))
  }
}
