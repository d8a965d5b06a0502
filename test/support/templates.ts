// Test stores are copied from templates built once per change of schema or demo code: opening a
// copied embedded store takes ~4 s where building one takes ~20 s plus the demo load.
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

export const ROOT = join(import.meta.dirname, '..', '..')
export const TEMPLATE_DIR = join(ROOT, '.cache', 'test-stores')

export type TemplateKind = 'empty' | 'demo'

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return []
  if (statSync(path).isFile()) return [path]
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)))
}

/** Changes whenever anything that shapes the template's content changes. */
export function templateHash(kind: TemplateKind): string {
  const inputs = ['server/db', 'server/layers/registry.ts', 'package-lock.json']
  if (kind === 'demo') inputs.push('server/demo', 'server/load', 'data')
  const hash = createHash('sha256')
  for (const file of inputs.flatMap((p) => filesUnder(join(ROOT, p)))) {
    hash.update(relative(ROOT, file))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex').slice(0, 12)
}

/**
 * The hash global setup built the templates for, handed to the test workers through the
 * environment: files edited while a run is under way must not send its tests to a template
 * that nobody built.
 */
export function runTemplateHash(kind: TemplateKind): string {
  const key = `RCGIS_TEMPLATE_${kind.toUpperCase()}`
  process.env[key] ??= templateHash(kind)
  return process.env[key]
}

export const embeddedTemplatePath = (kind: TemplateKind) =>
  join(TEMPLATE_DIR, `${kind}-${runTemplateHash(kind)}`)
export const serverTemplateName = (kind: TemplateKind) => `rcgis_tpl_${kind}_${runTemplateHash(kind)}`
