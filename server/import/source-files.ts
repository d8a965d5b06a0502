// Finds the one dataset in what the user gave: a .shp (its siblings found whatever their case),
// a folder, a zip (unpacked, subfolders and all), loose uploaded files, or a GeoJSON file.
// Anything ambiguous is refused with the names found, never guessed.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, extname, join, relative } from 'node:path'
import { BadRequest } from '../errors.ts'
import { extractZip, type UnzipLimits } from './zip.ts'

export interface ShapefileSource {
  kind: 'shapefile'
  /** Base name shown in reports, e.g. 'rivers' or 'export/POLYLINE'. */
  name: string
  shp: string
  shx?: string
  dbf?: string
  prj?: string
  cpg?: string
}

export interface GeoJsonSource {
  kind: 'geojson'
  name: string
  path: string
}

export type DatasetSource = ShapefileSource | GeoJsonSource

export interface DiscoveredSource {
  dataset: DatasetSource
  /** The file the user named (the zip, the .shp, the .geojson), for the log's file name and hash. */
  primary: { name: string; path: string }
  /** Removes anything unpacked. */
  cleanup(): Promise<void>
}

const SHAPEFILE_PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const
const GEOJSON_EXTENSIONS = new Set(['geojson', 'json'])

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...(await filesUnder(path)))
    else if (entry.isFile()) out.push(path)
  }
  return out.sort()
}

const ext = (path: string) => extname(path).slice(1).toLowerCase()

/** Groups files into datasets by folder and case-insensitive base name. */
function datasetsIn(files: string[], root: string): { datasets: DatasetSource[]; orphans: string[] } {
  const groups = new Map<string, Map<string, string>>()
  const datasets: DatasetSource[] = []
  for (const file of files) {
    const e = ext(file)
    const key = join(dirname(file), basename(file, extname(file))).toLowerCase()
    if ((SHAPEFILE_PARTS as readonly string[]).includes(e)) {
      const group = groups.get(key) ?? new Map<string, string>()
      groups.set(key, group)
      if (!group.has(e)) group.set(e, file)
    } else if (GEOJSON_EXTENSIONS.has(e)) {
      const name = relative(root, file) || basename(file)
      datasets.push({ kind: 'geojson', name, path: file })
    }
  }
  const orphans: string[] = []
  for (const group of groups.values()) {
    const shp = group.get('shp')
    if (!shp) {
      orphans.push(...group.values())
      continue
    }
    const name = relative(root, shp).replace(/\.shp$/i, '') || basename(shp, extname(shp))
    datasets.push({
      kind: 'shapefile',
      name,
      shp,
      shx: group.get('shx'),
      dbf: group.get('dbf'),
      prj: group.get('prj'),
      cpg: group.get('cpg'),
    })
  }
  return { datasets, orphans }
}

function pickOne(files: string[], root: string, what: string): DatasetSource {
  const { datasets, orphans } = datasetsIn(files, root)
  const shown = (list: string[]) =>
    list
      .map((f) => relative(root, f) || basename(f))
      .slice(0, 10)
      .join(', ')
  if (datasets.length === 1) return datasets[0]
  if (datasets.length > 1)
    throw new BadRequest(
      `${what} holds ${datasets.length} datasets (${datasets.map((d) => d.name).join(', ')}); import them one at a time`,
    )
  const dbf = orphans.find((f) => ext(f) === 'dbf')
  if (dbf)
    throw new BadRequest(
      `${what} has ${relative(root, dbf) || basename(dbf)} but no .shp beside it: a layer needs the shapes`,
    )
  const others = files.filter((f) => !orphans.includes(f))
  throw new BadRequest(
    `${what} holds no shapefile (.shp) and no GeoJSON` +
      (orphans.length + others.length > 0 ? ` (found: ${shown([...orphans, ...others])})` : ''),
  )
}

/**
 * Resolves what to import from the paths given: one zip, one folder, one dataset file (its
 * siblings are found beside it) or several loose files of one dataset.
 */
export async function discoverSource(
  paths: string[],
  unzip: UnzipLimits,
  displayNames?: Map<string, string>,
): Promise<DiscoveredSource> {
  if (paths.length === 0) throw new BadRequest('no file to import')
  const nameOf = (path: string) => displayNames?.get(path) ?? basename(path)
  const none = async () => {}
  const zips = paths.filter((p) => ext(p) === 'zip')
  if (zips.length > 0) {
    if (paths.length > 1) throw new BadRequest('send one zip, or the loose files of one dataset, not both')
    const zip = paths[0]
    const dir = await mkdtemp(join(tmpdir(), 'rcgis-unzip-'))
    const cleanup = () => rm(dir, { recursive: true, force: true })
    try {
      const entries = await extractZip(zip, nameOf(zip), dir, unzip)
      const dataset = pickOne(
        entries.map((e) => join(dir, e)),
        dir,
        nameOf(zip),
      )
      return { dataset, primary: { name: nameOf(zip), path: zip }, cleanup }
    } catch (error) {
      await cleanup()
      throw error
    }
  }
  if (paths.length === 1) {
    const path = paths[0]
    const info = await stat(path).catch(() => null)
    if (!info) throw new BadRequest(`${path} does not exist`)
    if (info.isDirectory()) {
      const dataset = pickOne(await filesUnder(path), path, nameOf(path))
      const primaryPath = dataset.kind === 'shapefile' ? dataset.shp : dataset.path
      return { dataset, primary: { name: basename(primaryPath), path: primaryPath }, cleanup: none }
    }
    if (GEOJSON_EXTENSIONS.has(ext(path)))
      return {
        dataset: { kind: 'geojson', name: nameOf(path), path },
        primary: { name: nameOf(path), path },
        cleanup: none,
      }
    // A .shp (or any part) given alone: its siblings are the other parts, whatever their case;
    // a same-named .json beside it is something else (often a rendering of the same data).
    const dir = dirname(path)
    const stem = basename(path, extname(path)).toLowerCase()
    const siblings = (await readdir(dir))
      .filter((f) => basename(f, extname(f)).toLowerCase() === stem && !GEOJSON_EXTENSIONS.has(ext(f)))
      .map((f) => join(dir, f))
    const dataset = pickOne(siblings, dir, nameOf(path))
    const primaryPath = dataset.kind === 'shapefile' ? dataset.shp : dataset.path
    return { dataset, primary: { name: nameOf(primaryPath), path: primaryPath }, cleanup: none }
  }
  const dataset = pickOne(paths, dirname(paths[0]), 'the upload')
  const primaryPath = dataset.kind === 'shapefile' ? dataset.shp : dataset.path
  return { dataset, primary: { name: nameOf(primaryPath), path: primaryPath }, cleanup: none }
}
