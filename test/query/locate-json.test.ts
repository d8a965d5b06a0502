// locateJson (server/query/locate-json.ts) writes JSON.stringify's bytes for a locate answer from
// the text of shared pieces: checked against JSON.stringify itself on random answers, with shared
// pieces anywhere they may be, and the pieces cannot change once shared.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { locateJson, locateJsonList, shareJson } from '../../server/query/locate-json.ts'

/** Any JSON-like value, strings with quotes, escapes, lone surrogates and CJK. */
const leaf = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('河长', '"\\\n\u0000\u2028', '\ud800'),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
)
const record = fc.dictionary(fc.string(), fc.oneof(leaf, fc.array(leaf, { maxLength: 3 })), { maxKeys: 6 })
/** A list element: a record, shared or not, or a bare leaf. */
const element = fc.oneof(
  record.map((r) => ({ r, shared: false })),
  record.map((r) => ({ r, shared: true })),
  leaf.map((r) => ({ r, shared: false })),
)
const materialise = ({ r, shared }: { r: unknown; shared: boolean }) =>
  shared && typeof r === 'object' && r !== null ? shareJson(r) : r
const answer = fc
  .record({
    // Values beside the lists: a basin's governance or a park is a shared object there.
    head: fc.dictionary(fc.string(), element, { maxKeys: 4 }),
    lists: fc.dictionary(fc.string(), fc.array(element, { maxLength: 5 }), { maxKeys: 4 }),
    zones: fc.option(
      fc.dictionary(fc.string(), fc.oneof(fc.array(element, { maxLength: 4 }), leaf), { maxKeys: 4 }),
    ),
  })
  .map(({ head, lists, zones }) => {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(head)) out[key] = materialise(value)
    for (const [key, list] of Object.entries(lists)) out[key] = list.map(materialise)
    if (zones !== null)
      out.zones = Object.fromEntries(
        Object.entries(zones).map(([k, v]) => [k, Array.isArray(v) ? v.map(materialise) : v]),
      )
    return out
  })

describe('locateJson', () => {
  it('gives JSON.stringify’s bytes for any answer, shared pieces or not', () => {
    fc.assert(
      fc.property(answer, (value) => {
        // Twice: the second time the shared pieces' kept bytes are used.
        const expected = Buffer.from(JSON.stringify(value), 'utf8')
        expect(locateJson(value)).toEqual(expected)
        expect(locateJson(value)).toEqual(expected)
      }),
      { numRuns: 2000 },
    )
  })

  it('writes a head and an answer as JSON.stringify writes them spread into one object', () => {
    // Keys in both (the answer's value, at the head's place), undefined on either side.
    const head = fc.dictionary(
      fc.constantFrom('date', 'crs', 'zones', 'a', 'b'),
      fc.oneof(leaf, element.map(materialise)),
      {
        maxKeys: 4,
      },
    )
    fc.assert(
      fc.property(answer, head, (value, h) => {
        expect(locateJson(value, h)).toEqual(Buffer.from(JSON.stringify({ ...h, ...value }), 'utf8'))
      }),
      { numRuns: 2000 },
    )
    expect(locateJson({ a: 1, date: undefined }, { date: 'd', b: 2 }).toString()).toBe('{"b":2,"a":1}')
  })

  it('joins answers with commas as JSON.stringify writes a list’s inside', () => {
    fc.assert(
      fc.property(fc.array(answer, { maxLength: 6 }), (answers) => {
        const expected = Buffer.from(JSON.stringify(answers).slice(1, -1), 'utf8')
        expect(locateJsonList(answers)).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('writes answers far larger than its scratch, and writes well after a throw', () => {
    const chief = shareJson({ name: '河长'.repeat(50), scope: { kind: 'area' } })
    const big = Array.from({ length: 3000 }, (_, i) => ({ chiefs: [chief, { name: `第${i}段` }], n: i }))
    const bytes = locateJsonList(big)
    expect(bytes.length).toBeGreaterThan(1 << 17)
    expect(bytes.equals(Buffer.from(JSON.stringify(big).slice(1, -1), 'utf8'))).toBe(true)
    // A throw midway (JSON.stringify refuses a BigInt) leaves nothing behind for the next answer.
    expect(() => locateJson({ chiefs: [chief], n: 1n })).toThrow(TypeError)
    const next = { chiefs: [chief], zones: { lakes: [] } }
    expect(locateJson(next)).toEqual(Buffer.from(JSON.stringify(next), 'utf8'))
  })

  it('leaves out zones that have no JSON, and freezes the insides of a piece frozen already', () => {
    const answer = { zones: { a: [1], b: () => 1, c: Symbol('c'), d: undefined } }
    expect(locateJson(answer).toString('utf8')).toBe(JSON.stringify(answer))
    const inner = { n: 1 }
    shareJson(Object.freeze({ inner }))
    expect(() => {
      inner.n = 2
    }).toThrow(TypeError)
  })

  it('keeps the text of a shared piece, which cannot change after', () => {
    const chief = shareJson({
      id: 'C1',
      name: '河长',
      scope: { kind: 'area', code: 'CA-1', distance_m: null },
    })
    const answer = { chiefs: [chief, chief], zones: { lakes: [chief] } }
    expect(locateJson(answer).toString('utf8')).toBe(JSON.stringify(answer))
    expect(() => {
      ;(chief as { name: string }).name = '别人'
    }).toThrow(TypeError)
    expect(() => {
      ;(chief.scope as { code: string }).code = 'CA-2'
    }).toThrow(TypeError)
    expect(locateJson(answer).toString('utf8')).toBe(JSON.stringify(answer))
  })
})
