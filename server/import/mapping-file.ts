// A mapping file overrides the automatic matching of source fields to layer attributes.
// Two forms are read:
//   JSON  {"fields": {"MC": "name", "BZ": null}, "defaults": {"grade": "first"}}
//         (or just the "fields" object); null keeps a field in extra even if an alias matches;
//         "$record" as a source stands for the record number (1-based).
//   text  one "attribute SOURCEFIELD" pair per line, as shp2pgsql -m reads.
import { BadRequest } from '../errors.ts'
import type { LayerSpec } from '../layers/registry.ts'
import type { AttributeValue } from '../load/layer-record.ts'

export interface MappingFile {
  /** Source field → attribute, or null to keep the field in extra. */
  fields: Record<string, string | null>
  /** Attribute → value used where the source gives none. */
  defaults: Record<string, AttributeValue>
}

export const RECORD_NUMBER_FIELD = '$record'

function check(layer: LayerSpec, mapping: MappingFile, fileName: string): MappingFile {
  const names = new Set(layer.attributes.map((a) => a.name))
  const known = [...names].join(', ')
  for (const [field, attribute] of Object.entries(mapping.fields))
    if (attribute !== null && !names.has(attribute))
      throw new BadRequest(
        `${fileName} maps ${field} to '${attribute}', which is not an attribute of layer ${layer.id} (${known})`,
      )
  for (const [attribute, value] of Object.entries(mapping.defaults)) {
    if (!names.has(attribute))
      throw new BadRequest(
        `${fileName} gives a default for '${attribute}', which layer ${layer.id} does not have (${known})`,
      )
    if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
      throw new BadRequest(`${fileName}: the default for ${attribute} must be a string, number or boolean`)
  }
  return mapping
}

export function parseMappingFile(text: string, fileName: string, layer: LayerSpec): MappingFile {
  const body = text.replace(/^\uFEFF/, '').trim()
  if (body.startsWith('{')) {
    let json: unknown
    try {
      json = JSON.parse(body)
    } catch (error) {
      throw new BadRequest(`${fileName} is not valid JSON (${(error as Error).message})`)
    }
    const object = json as Record<string, unknown>
    const structured = typeof object.fields === 'object' || typeof object.defaults === 'object'
    const fields = (structured ? (object.fields ?? {}) : object) as Record<string, unknown>
    const defaults = (structured ? (object.defaults ?? {}) : {}) as Record<string, AttributeValue>
    for (const [field, attribute] of Object.entries(fields))
      if (attribute !== null && typeof attribute !== 'string')
        throw new BadRequest(`${fileName}: ${field} must map to an attribute name or null`)
    return check(layer, { fields: fields as Record<string, string | null>, defaults }, fileName)
  }
  const fields: Record<string, string | null> = {}
  for (const [i, line] of body.split(/\r?\n/).entries()) {
    const content = line.replace(/#.*/, '').trim()
    if (!content) continue
    const parts = content.split(/\s+/)
    if (parts.length !== 2)
      throw new BadRequest(
        `${fileName} line ${i + 1}: expected "attribute SOURCEFIELD", got ${JSON.stringify(line)}`,
      )
    fields[parts[1]] = parts[0]
  }
  return check(layer, { fields, defaults: {} }, fileName)
}
