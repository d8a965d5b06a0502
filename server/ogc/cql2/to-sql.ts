// A CQL2 filter (as the CQL2 JSON tree, OGC 21-065r2 Annex C) translated to one boolean SQL
// expression over the layer's table aliased `f`. The SQL text holds only identifiers from the
// layer's queryables (quoted), bind parameters with explicit casts, and fixed keywords and
// function names; every user value is a parameter. The operators and their sources:
// - basic CQL2 (§7.3–7.5): = <> < <= > >=, AND OR NOT, IS NULL, boolean, DATE and TIMESTAMP literals;
// - advanced comparison (§7.6): LIKE (% _ and \ escapes, as PostgreSQL's default), BETWEEN, IN;
// - case-insensitive comparison (§7.7): CASEI → lower(), Unicode-aware under UTF-8 ctypes;
// - spatial functions (§7.10–7.11): S_INTERSECTS … S_CONTAINS as PostGIS's ST_ predicates, plus
//   S_DWITHIN (from the CQL2 drafts; not in 1.0) in metres on the ellipsoid (geography);
// - T_INTERSECTS (§7.12) on layers with time (registry `temporal`).
import { quoteIdent } from '../../db/quote-ident.ts'
import { BadRequest } from '../../errors.ts'
import type { LayerSpec } from '../../layers/registry.ts'
import type { OgcCrs } from '../crs-uri.ts'
import { GEOMETRY_QUERYABLE, type Queryable, queryablesOf } from '../queryables.ts'
import { dwithinEnvelope } from './dwithin-envelope.ts'
import { geometryLiteralToStorage, isGeometryLiteral } from './geometry-literal.ts'
import { checkedTimestamp, dateSpan, isDateText } from './instant.ts'
import { MAX_FILTER_DEPTH, MAX_IN_LIST } from './limits.ts'

type ValueType = 'text' | 'number' | 'boolean' | 'timestamp' | 'date' | 'geometry'

/** An operand: SQL already written (a column, lower(…)), or a literal still to be bound. */
type Operand =
  | { kind: 'sql'; sql: string; type: ValueType; sqlType: string; property?: Queryable }
  | { kind: 'literal'; value: string | number | boolean; type: ValueType }

/** A bound of a temporal operand: a column's SQL, or an instant still to be bound. */
type Bound = { sql: string } | { instant: string }

/** A temporal operand as its bounds; an absent bound is open ('..'). */
interface Span {
  start?: Bound
  end?: Bound
  /** Whether `end` is excluded (a DATE spans [midnight, next midnight)). */
  endExclusive?: boolean
}

const COMPARISONS = new Set(['=', '<>', '<', '<=', '>', '>='])

/** CQL2 spatial functions (21-065r2 Table 5) and the PostGIS predicate of the same DE-9IM meaning. */
const SPATIAL: Record<string, string> = {
  s_intersects: 'ST_Intersects',
  s_disjoint: 'ST_Disjoint',
  s_equals: 'ST_Equals',
  s_touches: 'ST_Touches',
  s_within: 'ST_Within',
  s_overlaps: 'ST_Overlaps',
  s_crosses: 'ST_Crosses',
  s_contains: 'ST_Contains',
}

const SQL_TYPE: Record<Queryable['type'], string> = {
  id: 'bigint',
  integer: 'integer',
  number: 'double precision',
  text: 'text',
  date: 'date',
  timestamp: 'timestamptz',
  geometry: 'geometry',
}

const VALUE_TYPE: Record<Queryable['type'], ValueType> = {
  id: 'number',
  integer: 'number',
  number: 'number',
  text: 'text',
  date: 'date',
  timestamp: 'timestamp',
  geometry: 'geometry',
}

const bad = (message: string) => new BadRequest(`filter: ${message}`, undefined, 'invalid_filter')

const describe = (node: unknown) => {
  const text = JSON.stringify(node) ?? String(node)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

export interface TranslateOptions {
  /** The filter-crs, resolved (crs-uri.ts). */
  crs: OgcCrs
  /** Most vertices in all geometry literals of one filter (MAX_VERTICES). */
  maxVertices: number
}

/** Translates one filter tree; holds the parameters bound so far. */
class Translator {
  readonly params: unknown[] = []
  private readonly queryables: Map<string, Queryable>
  private vertices = 0

  constructor(
    private readonly layer: LayerSpec,
    private readonly firstParam: number,
    private readonly options: TranslateOptions,
  ) {
    this.queryables = new Map(queryablesOf(layer).map((q) => [q.name, q]))
  }

  private bind(value: unknown, cast: string): string {
    this.params.push(value)
    return `$${this.firstParam + this.params.length - 1}::${cast}`
  }

  predicate(node: unknown, depth: number): string {
    if (depth > MAX_FILTER_DEPTH) throw bad(`nested deeper than ${MAX_FILTER_DEPTH} levels`)
    if (typeof node === 'boolean') return node ? 'TRUE' : 'FALSE'
    if (!node || typeof node !== 'object' || Array.isArray(node) || !('op' in node))
      throw bad(`expected a predicate, got ${describe(node)}`)
    const { op, args } = node as { op: unknown; args?: unknown }
    if (typeof op !== 'string') throw bad(`"op" must be a string, got ${describe(op)}`)
    if (!Array.isArray(args)) throw bad(`"${op}" needs an "args" array`)
    const name = op.toLowerCase()
    const arity = (n: number) => {
      if (args.length !== n) throw bad(`${op} takes ${n} argument${n === 1 ? '' : 's'}, got ${args.length}`)
    }
    if (name === 'and' || name === 'or') {
      if (args.length < 2) throw bad(`${op} takes at least 2 arguments, got ${args.length}`)
      return `(${args.map((a) => this.predicate(a, depth + 1)).join(name === 'and' ? ' AND ' : ' OR ')})`
    }
    if (name === 'not') {
      arity(1)
      return `(NOT ${this.predicate(args[0], depth + 1)})`
    }
    if (COMPARISONS.has(name)) {
      arity(2)
      return this.comparison(name, args[0], args[1], depth)
    }
    if (name === 'like') {
      arity(2)
      const [a, b] = [this.operand(args[0], depth), this.operand(args[1], depth)]
      for (const o of [a, b]) if (o.type !== 'text') throw bad(`LIKE compares text, got ${o.type}`)
      return `(${this.sql(a, b)} LIKE ${this.sql(b, a)})`
    }
    if (name === 'between') {
      arity(3)
      const [a, lo, hi] = args.map((x) => this.operand(x, depth))
      for (const o of [a, lo, hi])
        if (o.type !== 'number') throw bad(`BETWEEN compares numbers, got ${o.type}`)
      return `(${this.sql(a, lo)} BETWEEN ${this.sql(lo, a)} AND ${this.sql(hi, a)})`
    }
    if (name === 'in') {
      arity(2)
      const a = this.operand(args[0], depth)
      const list = args[1]
      if (!Array.isArray(list) || list.length === 0) throw bad('IN needs a non-empty list')
      if (list.length > MAX_IN_LIST) throw bad(`IN lists at most ${MAX_IN_LIST} values`)
      const items = list.map((x) => this.operand(x, depth))
      for (const o of items) this.sameType(a, o, 'IN')
      return `(${this.sql(a, items[0])} IN (${items.map((o) => this.sql(o, a)).join(', ')}))`
    }
    if (name === 'isnull') {
      arity(1)
      const a = this.operand(args[0], depth)
      if (a.kind === 'literal') throw bad('IS NULL applies to a property')
      return `(${a.sql} IS NULL)`
    }
    if (name in SPATIAL) {
      arity(2)
      return `${SPATIAL[name]}(${this.geometry(args[0], depth)}, ${this.geometry(args[1], depth)})`
    }
    if (name === 's_dwithin') {
      arity(3)
      const distance = args[2]
      if (typeof distance !== 'number' || !Number.isFinite(distance) || distance < 0)
        throw bad(`S_DWITHIN takes a distance in metres (a number ≥ 0), got ${describe(distance)}`)
      return this.dwithin(args[0], args[1], distance, depth)
    }
    if (name.startsWith('t_')) return this.temporal(name, op, args, depth)
    throw bad(`unsupported operator or function '${op}'`)
  }

  private comparison(op: string, left: unknown, right: unknown, depth: number): string {
    const [a, b] = [this.operand(left, depth), this.operand(right, depth)]
    if (a.type === 'geometry' || b.type === 'geometry')
      throw bad(`${op} does not compare geometries: use S_EQUALS`)
    // A timestamp property against a DATE: compared by UTC day, written as a range on the column
    // so the comparison stays index-friendly and needs no time-zone literal in the SQL.
    if (a.kind === 'sql' && a.type === 'timestamp' && b.kind === 'literal' && b.type === 'date')
      return this.byDay(a, op, String(b.value))
    if (b.kind === 'sql' && b.type === 'timestamp' && a.kind === 'literal' && a.type === 'date')
      return this.byDay(b, MIRRORED[op], String(a.value))
    this.sameType(a, b, op)
    return `(${this.sql(a, b)} ${op} ${this.sql(b, a)})`
  }

  private byDay(a: Operand & { kind: 'sql' }, op: string, day: string): string {
    const span = dateSpan(day)
    const start = () => this.bind(span.start, 'timestamptz')
    const end = () => this.bind(span.end, 'timestamptz')
    switch (op) {
      case '=':
        return `(${a.sql} >= ${start()} AND ${a.sql} < ${end()})`
      case '<>':
        return `(${a.sql} < ${start()} OR ${a.sql} >= ${end()})`
      case '<':
        return `(${a.sql} < ${start()})`
      case '<=':
        return `(${a.sql} < ${end()})`
      case '>':
        return `(${a.sql} >= ${end()})`
      default:
        return `(${a.sql} >= ${start()})`
    }
  }

  private sameType(a: Operand, b: Operand, op: string) {
    if (a.type !== b.type) throw bad(`${op} compares values of one type, got ${a.type} and ${b.type}`)
  }

  /** The SQL of `o`; a literal is bound with the cast that matches its peer's column. */
  private sql(o: Operand, peer: Operand): string {
    if (o.kind === 'sql') return o.sql
    switch (o.type) {
      case 'number': {
        const peerType = peer.kind === 'sql' ? peer.sqlType : 'numeric'
        // An integer against an integer column keeps the column's index usable; anything else
        // is compared as numeric, which holds every finite double exactly.
        const cast =
          peerType === 'double precision'
            ? 'double precision'
            : (peerType === 'bigint' || peerType === 'integer') && Number.isSafeInteger(o.value)
              ? 'bigint'
              : 'numeric'
        return this.bind(o.value, cast)
      }
      case 'text':
        return this.bind(o.value, 'text')
      case 'boolean':
        return this.bind(o.value, 'boolean')
      case 'timestamp':
        return this.bind(o.value, 'timestamptz')
      case 'date':
        return this.bind(o.value, 'date')
      default:
        throw bad(`a ${o.type} literal cannot stand here`)
    }
  }

  private property(node: { property: unknown }): Queryable {
    const name = node.property
    if (typeof name !== 'string') throw bad(`"property" must be a string, got ${describe(name)}`)
    const q = this.queryables.get(name)
    if (!q)
      throw bad(
        `'${name}' is not a queryable of ${this.layer.id}; queryables: ${[...this.queryables.keys()].join(', ')}`,
      )
    return q
  }

  private column(q: Queryable): string {
    return `f.${quoteIdent(q.column)}`
  }

  operand(node: unknown, depth: number): Operand {
    if (depth > MAX_FILTER_DEPTH) throw bad(`nested deeper than ${MAX_FILTER_DEPTH} levels`)
    if (typeof node === 'string') {
      if (node.includes('\0')) throw bad('text values cannot hold NUL characters')
      return { kind: 'literal', value: node, type: 'text' }
    }
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) throw bad(`${node} is not a finite number`)
      return { kind: 'literal', value: node, type: 'number' }
    }
    if (typeof node === 'boolean') return { kind: 'literal', value: node, type: 'boolean' }
    if (!node || typeof node !== 'object' || Array.isArray(node))
      throw bad(`unexpected value ${describe(node)}`)
    if ('property' in node) {
      const q = this.property(node as { property: unknown })
      return {
        kind: 'sql',
        sql: this.column(q),
        type: VALUE_TYPE[q.type],
        sqlType: SQL_TYPE[q.type],
        property: q,
      }
    }
    if ('timestamp' in node) {
      const value = (node as { timestamp: unknown }).timestamp
      if (typeof value !== 'string') throw bad('TIMESTAMP takes a string')
      return { kind: 'literal', value: checkedTimestamp(value), type: 'timestamp' }
    }
    if ('date' in node) {
      const value = (node as { date: unknown }).date
      if (typeof value !== 'string') throw bad('DATE takes a string')
      dateSpan(value)
      return { kind: 'literal', value, type: 'date' }
    }
    if (isGeometryLiteral(node)) throw bad('a geometry literal stands only in a spatial function')
    if ('interval' in node) throw bad('an INTERVAL stands only in a temporal function')
    if ('op' in node) {
      const { op, args } = node as { op: unknown; args?: unknown }
      if (typeof op === 'string' && op.toLowerCase() === 'casei') {
        if (!Array.isArray(args) || args.length !== 1) throw bad('CASEI takes 1 argument')
        const inner = this.operand(args[0], depth + 1)
        if (inner.type !== 'text') throw bad(`CASEI applies to text, got ${inner.type}`)
        const sql = inner.kind === 'sql' ? inner.sql : this.bind(inner.value, 'text')
        return { kind: 'sql', sql: `lower(${sql})`, type: 'text', sqlType: 'text' }
      }
      if (typeof op === 'string' && op.toLowerCase() === 'accenti')
        throw bad('ACCENTI is not supported (accent-insensitive comparison is not offered)')
      throw bad(`'${String(op)}' is not a value: a predicate cannot be compared`)
    }
    throw bad(`unexpected value ${describe(node)}`)
  }

  private geometry(node: unknown, depth: number): string {
    return this.geometryOperand(node, depth).sql
  }

  /** A geometry operand's SQL; a literal's storage box comes with it. */
  private geometryOperand(
    node: unknown,
    depth: number,
  ): { sql: string; bounds?: [number, number, number, number] } {
    if (node && typeof node === 'object' && 'property' in node) {
      const q = this.property(node as { property: unknown })
      if (q.type !== 'geometry')
        throw bad(`'${q.name}' is not a geometry; spatial functions take '${GEOMETRY_QUERYABLE}'`)
      return { sql: this.column(q) }
    }
    if (!isGeometryLiteral(node))
      throw bad(`expected a geometry (property or literal), got ${describe(node)}`)
    if (depth > MAX_FILTER_DEPTH) throw bad(`nested deeper than ${MAX_FILTER_DEPTH} levels`)
    // MAX_VERTICES bounds all literals of a filter together, as it bounds one API geometry.
    const literal = geometryLiteralToStorage(node, this.options.crs, this.options.maxVertices - this.vertices)
    this.vertices += literal.vertices
    const text = this.bind(literal.text, 'text')
    // ST_MakeValid: DE-9IM predicates are defined for valid geometries only; on a bow-tie or a
    // zero-area polygon GEOS answers without complaint but not meaningfully. The repaired shape
    // covers the same points (a bow-tie becomes its two triangles).
    const sql =
      literal.format === 'wkt'
        ? `ST_MakeValid(ST_GeomFromText(${text}, 4490))`
        : `ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(${text}), 4490))`
    return { sql, bounds: literal.bounds }
  }

  private dwithin(left: unknown, right: unknown, metres: number, depth: number): string {
    const [a, b] = [this.geometryOperand(left, depth), this.geometryOperand(right, depth)]
    // Metres on the ellipsoid (README: never degrees): geography measures on the spheroid.
    const within = `ST_DWithin(${a.sql}::geography, ${b.sql}::geography, ${this.bind(metres, 'double precision')})`
    // Between the column and a literal, a box around the literal lets the GiST index choose rows.
    const [column, literal] = a.bounds ? [b, a] : [a, b]
    const box = !column.bounds && literal.bounds ? dwithinEnvelope(literal.bounds, metres) : null
    if (!box) return within
    const edges = box.map((v) => this.bind(v, 'double precision')).join(', ')
    return `(${column.sql} && ST_MakeEnvelope(${edges}, 4490) AND ${within})`
  }

  private temporal(name: string, op: string, args: unknown[], depth: number): string {
    if (!this.layer.temporal)
      throw bad(
        `${this.layer.id} has no time, so temporal functions such as ${op.toUpperCase()} do not apply`,
      )
    if (name !== 't_intersects') throw bad(`unsupported temporal function '${op}' (T_INTERSECTS is offered)`)
    if (args.length !== 2) throw bad(`${op} takes 2 arguments, got ${args.length}`)
    const [a, b] = [this.span(args[0], depth), this.span(args[1], depth)]
    // Intervals meet when each starts no later than the other ends (21-065r2 §7.12, Allen's
    // "intersects" is the negation of before/after); an open bound always passes.
    const conditions: string[] = []
    // Bound only here, where used, so an unused bound of a DATE adds no parameter.
    const sql = (b: Bound) => ('sql' in b ? b.sql : this.bind(b.instant, 'timestamptz'))
    const meets = (s: Span, e: Span) => {
      if (s.start && e.end) conditions.push(`${sql(s.start)} ${e.endExclusive ? '<' : '<='} ${sql(e.end)}`)
    }
    meets(a, b)
    meets(b, a)
    return conditions.length === 0 ? 'TRUE' : `(${conditions.join(' AND ')})`
  }

  private instant(node: unknown, depth: number): Span {
    if (typeof node === 'string') {
      if (node === '..') return {}
      return isDateText(node) ? this.span({ date: node }, depth) : this.span({ timestamp: node }, depth)
    }
    return this.span(node, depth)
  }

  private span(node: unknown, depth: number): Span {
    if (node && typeof node === 'object' && 'interval' in node) {
      const ends = (node as { interval: unknown }).interval
      if (!Array.isArray(ends) || ends.length !== 2) throw bad('INTERVAL takes 2 instants')
      const [s, e] = [this.instant(ends[0], depth + 1), this.instant(ends[1], depth + 1)]
      return { start: s.start, end: e.end, endExclusive: e.endExclusive }
    }
    if (node && typeof node === 'object' && 'date' in node) {
      const value = (node as { date: unknown }).date
      if (typeof value !== 'string') throw bad('DATE takes a string')
      const day = dateSpan(value)
      return { start: { instant: day.start }, end: { instant: day.end }, endExclusive: true }
    }
    const o = this.operand(node, depth + 1)
    if (o.type !== 'timestamp') throw bad(`temporal functions take instants and intervals, got ${o.type}`)
    const bound: Bound = o.kind === 'sql' ? { sql: o.sql } : { instant: String(o.value) }
    return { start: bound, end: bound }
  }
}

const MIRRORED: Record<string, string> = { '=': '=', '<>': '<>', '<': '>', '<=': '>=', '>': '<', '>=': '<=' }

/**
 * The SQL of a CQL2 filter tree over `layer` (table aliased `f`).
 * Input: the CQL2 JSON tree (cql2-text.ts reads text into it); `firstParam` is the number of the
 * first bind parameter. Output: `{sql, params}`, a boolean expression whose parameters are
 * `$firstParam…` in order, each with an explicit cast.
 * @throws BadRequest 'invalid_filter' for a property that is not a queryable, an operator that is
 *   not offered, operands of the wrong type or number, a bad literal, or a temporal function on
 *   a layer without time.
 */
export function filterTreeToSql(
  tree: unknown,
  layer: LayerSpec,
  firstParam: number,
  options: TranslateOptions,
): { sql: string; params: unknown[] } {
  const translator = new Translator(layer, firstParam, options)
  const sql = translator.predicate(tree, 0)
  return { sql, params: translator.params }
}
