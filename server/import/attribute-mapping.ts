// Maps source fields onto a layer's attributes: automatically by the registry's aliases
// (名称/NAME/MC → name), overridden by a mapping file. Fields that map to nothing are kept in
// the row's `extra` JSON, never dropped; values that cannot be converted are reported per record.
import { BadRequest } from '../errors.ts'
import type { AttributeSpec, LayerSpec } from '../layers/registry.ts'
import type { AttributeValue } from '../load/layer-record.ts'
import { type MappingFile, RECORD_NUMBER_FIELD } from './mapping-file.ts'
import { convertValue } from './value-conversion.ts'

export interface ConversionProblem {
  recordNo: number
  field: string
  attribute: string
  value: unknown
  problem: string
}

export interface MappedRecord {
  attributes: Record<string, AttributeValue>
  extra: Record<string, unknown>
  problems: ConversionProblem[]
  /** Why the record cannot be stored (a required attribute without a value), or null. */
  missing: string | null
}

const key = (name: string) => name.trim().toUpperCase()

export class AttributeMapper {
  private readonly byField = new Map<string, AttributeSpec | null>()
  private readonly taken = new Map<string, string>() // attribute → field
  private readonly aliases = new Map<string, AttributeSpec[]>()
  private readonly defaults: Record<string, AttributeValue> = {}
  private recordNumberAttribute: AttributeSpec | null = null
  private readonly overrides: Map<string, string | null>
  readonly unmappedFields = new Set<string>()

  constructor(
    readonly layer: LayerSpec,
    mapping?: MappingFile,
  ) {
    for (const attribute of layer.attributes)
      for (const alias of [attribute.name, ...attribute.aliases]) {
        const list = this.aliases.get(key(alias)) ?? []
        if (!list.includes(attribute)) list.push(attribute)
        this.aliases.set(key(alias), list)
      }
    const spec = (name: string) => layer.attributes.find((a) => a.name === name)!
    this.overrides = new Map(Object.entries(mapping?.fields ?? {}).map(([f, a]) => [key(f), a]))
    for (const [field, attribute] of Object.entries(mapping?.fields ?? {})) {
      if (field === RECORD_NUMBER_FIELD && attribute) {
        this.recordNumberAttribute = spec(attribute)
        this.taken.set(attribute, field)
      }
    }
    for (const [attribute, value] of Object.entries(mapping?.defaults ?? {})) {
      const converted = convertValue(value, spec(attribute))
      if (!converted.ok) throw new BadRequest(`the default for ${attribute}: ${converted.problem}`)
      this.defaults[attribute] = converted.value
    }
  }

  /**
   * Settles the mapping for a known list of fields (a .dbf header): mapping-file entries first,
   * then for each attribute the field matching its earliest alias, so NAME beats MC when a
   * table has both. Fields seen later (GeoJSON properties) are matched as they come.
   */
  prepare(fields: string[]) {
    for (const field of fields) {
      const override = this.overrides.get(key(field))
      if (override === undefined) continue
      this.byField.set(
        field,
        override === null ? null : this.layer.attributes.find((a) => a.name === override)!,
      )
      if (override) this.taken.set(override, field)
    }
    for (const attribute of this.layer.attributes) {
      if (this.taken.has(attribute.name)) continue
      for (const alias of [attribute.name, ...attribute.aliases]) {
        const field = fields.find((f) => !this.byField.has(f) && key(f) === key(alias))
        if (field) {
          this.byField.set(field, attribute)
          this.taken.set(attribute.name, field)
          break
        }
      }
    }
    for (const field of fields) this.target(field)
  }

  /** The attribute a field feeds, or null when it goes to extra. */
  target(field: string): AttributeSpec | null {
    const known = this.byField.get(field)
    if (known !== undefined) return known
    const override = this.overrides.get(key(field))
    let attribute: AttributeSpec | null = null
    if (override !== undefined)
      attribute = override === null ? null : this.layer.attributes.find((a) => a.name === override)!
    else attribute = this.aliases.get(key(field))?.find((a) => !this.taken.has(a.name)) ?? null
    if (attribute) this.taken.set(attribute.name, field)
    else this.unmappedFields.add(field)
    this.byField.set(field, attribute)
    return attribute
  }

  /** Required attributes that no field and no default can fill: every record would fail. */
  unfillable(): AttributeSpec[] {
    return this.layer.attributes.filter(
      (a) => a.required && !this.taken.has(a.name) && this.defaults[a.name] === undefined,
    )
  }

  /** Source field → attribute, as used. */
  used(): Record<string, string> {
    return Object.fromEntries([...this.taken].map(([attribute, field]) => [field, attribute]))
  }

  map(recordNo: number, fields: readonly string[], values: readonly unknown[]): MappedRecord {
    const attributes: Record<string, AttributeValue> = {}
    const extra: Record<string, unknown> = {}
    let problems: ConversionProblem[] | undefined
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]
      const value = values[i]
      const attribute = this.target(field)
      if (!attribute) {
        if (value !== null && value !== undefined) extra[field] = value
        continue
      }
      const converted = convertValue(value, attribute)
      if (converted.ok) attributes[attribute.name] = converted.value
      else {
        attributes[attribute.name] = null
        extra[field] = value // the raw value survives for whoever fixes the data
        problems ??= []
        problems.push({ recordNo, field, attribute: attribute.name, value, problem: converted.problem })
      }
    }
    if (this.recordNumberAttribute) {
      const converted = convertValue(recordNo, this.recordNumberAttribute)
      if (converted.ok) attributes[this.recordNumberAttribute.name] = converted.value
    }
    let missing: string | null = null
    for (const attribute of this.layer.attributes) {
      const value = attributes[attribute.name]
      if (value !== null && value !== undefined) continue
      const fallback = this.defaults[attribute.name]
      if (fallback !== undefined && fallback !== null) attributes[attribute.name] = fallback
      else if (attribute.required && missing === null) {
        const field = this.taken.get(attribute.name)
        missing = `${attribute.name} is required but ${field ? `field ${field} is empty` : 'no field maps to it'}`
      }
    }
    return { attributes, extra, problems: problems ?? [], missing }
  }
}
