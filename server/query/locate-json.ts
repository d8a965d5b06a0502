// The JSON of locate answers as UTF-8 bytes, JSON.stringify's bytes exactly, written from pieces
// the index shares between answers: an area's chiefs, its admin entry, a basin's governance, a
// zone's properties are the same objects in every answer that holds them, so their bytes are
// made once, when first written, and then copied. Most of an answer's bytes are these pieces, in
// Chinese: stringifying them anew and then encoding the whole text was about a seventh of a lean
// locate, and most of a batch's 25 MB (issue 14: a leaner writer for the lean path and the batch).

/** The objects marked shared, each with its UTF-8 JSON once first written (undefined until then). */
const kept = new WeakMap<object, Buffer | undefined>()

/**
 * Marks `value` as shared between answers and returns it, frozen (deeply): its JSON is kept
 * (with the value, weakly) once written, so a change would go unseen; frozen, it throws instead.
 */
export function shareJson<T extends object>(value: T): T {
  if (!kept.has(value)) kept.set(deepFreeze(value), undefined)
  return value
}

/** Freezes `value` and everything in it, an object frozen already included (its insides may not be). */
function deepFreeze<T>(value: T, seen = new Set<object>()): T {
  if (typeof value === 'object' && value !== null && !seen.has(value)) {
    seen.add(value)
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner, seen)
  }
  return value
}

/**
 * Bytes being written: one scratch buffer for the module, used within one synchronous call of
 * locateJson or locateJsonList and copied out at its end, so that an answer costs one allocation.
 * It grows to the largest output written and is kept (about 1.3 MB once a batch has written 500
 * answers at a time). Text between shared pieces gathers in `text` and is encoded in one go.
 */
let scratch = Buffer.allocUnsafe(1 << 16)
let at = 0
let text = ''

/** Room for `bytes` more bytes. */
function reserve(bytes: number): void {
  if (at + bytes <= scratch.length) return
  const grown = Buffer.allocUnsafe(Math.max(scratch.length * 2, at + bytes))
  scratch.copy(grown, 0, 0, at)
  scratch = grown
}

function flushText(): void {
  if (text === '') return
  reserve(text.length * 3) // UTF-8 takes at most 3 bytes per UTF-16 unit
  at += scratch.write(text, at, 'utf8')
  text = ''
}

/** JSON.stringify(value) of a value or list element of an answer: the kept bytes when shared. */
function writeValue(value: unknown): void {
  if (typeof value !== 'object' || value === null || !kept.has(value)) {
    text += JSON.stringify(value) ?? 'null'
    return
  }
  let bytes = kept.get(value)
  if (bytes === undefined) {
    bytes = Buffer.from(JSON.stringify(value), 'utf8')
    kept.set(value, bytes)
  }
  flushText()
  reserve(bytes.length)
  at += bytes.copy(scratch, at)
}

function writeList(values: readonly unknown[]): void {
  text += '['
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ','
    writeValue(values[i])
  }
  text += ']'
}

/**
 * One answer: a flat object whose arrays and `zones` lists may hold shared objects, written as
 * `{ ...head, ...answer }` would be (head's keys first, a value from answer where both have it).
 */
function writeAnswer(answer: Record<string, unknown>, head?: Record<string, unknown>): void {
  const headKeys = head ? Object.keys(head) : []
  const keys = Object.keys(answer)
  // Array-index keys come first in any object, so a spread would order them apart: spread then.
  if (head && (isIndex(headKeys[0]) || isIndex(keys[0]))) {
    writeAnswer({ ...head, ...answer })
    return
  }
  text += '{'
  let first = true
  for (const key of headKeys)
    first = writeMember(
      key,
      Object.hasOwn(answer, key) ? answer[key] : (head as Record<string, unknown>)[key],
      first,
    )
  for (const key of keys) if (!head || !Object.hasOwn(head, key)) first = writeMember(key, answer[key], first)
  text += '}'
}

/** Whether `key` is an array index, which objects list before their other keys (ECMA-262 OrdinaryOwnPropertyKeys). */
const isIndex = (key: string | undefined) =>
  key !== undefined && /^(?:0|[1-9][0-9]*)$/.test(key) && Number(key) < 2 ** 32 - 1

/** `"key":value` of an answer, after a comma unless `first`; whether the next is still first. */
function writeMember(key: string, value: unknown, first: boolean): boolean {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return first
  text += `${first ? '' : ','}${JSON.stringify(key)}:`
  if (Array.isArray(value)) writeList(value)
  else if (key === 'zones' && value !== null && typeof value === 'object' && !('toJSON' in value)) {
    const zones = value as Record<string, unknown>
    text += '{'
    let firstLayer = true
    for (const layer of Object.keys(zones)) {
      const list = zones[layer]
      // Left out as JSON.stringify leaves out an object's member that has no JSON.
      if (list === undefined || typeof list === 'function' || typeof list === 'symbol') continue
      text += `${firstLayer ? '' : ','}${JSON.stringify(layer)}:`
      firstLayer = false
      if (Array.isArray(list)) writeList(list)
      else writeValue(list)
    }
    text += '}'
  } else writeValue(value)
  return false
}

/** The bytes written, copied out, and the scratch made ready for the next call. */
function take(): Buffer {
  flushText()
  const bytes = Buffer.allocUnsafe(at)
  scratch.copy(bytes, 0, 0, at)
  at = 0
  return bytes
}

/** Clears what a throw left half-written. */
function reset(): void {
  at = 0
  text = ''
}

/**
 * Buffer.from(JSON.stringify({ ...head, ...answer })), byte for byte, for a locate answer
 * (LocateResult: a flat object whose arrays and `zones` lists may hold shared objects) and the
 * request's head (date, crs, …; none: {}). Keys come in that object's order, undefined values
 * are left out as JSON.stringify does; any other value is stringified whole (a toJSON method is
 * called without its key: locate answers have none). The head is taken
 * apart rather than spread into the answer: the spread object outlived young-generation
 * collections (about 1 MB moved to old space per scavenge with it, 0.1 MB without: most of a lean
 * locate's old-space garbage; V8's allocation-site pretenuring is the likely cause).
 * Throws what JSON.stringify throws (e.g. a BigInt).
 */
export function locateJson(answer: Record<string, unknown>, head?: Record<string, unknown>): Buffer {
  try {
    writeAnswer(answer, head)
    return take()
  } finally {
    reset()
  }
}

/**
 * The answers' JSON joined by commas (a JSON array's inside, for a streamed batch), as
 * locateJson writes each. Throws as locateJson does.
 */
export function locateJsonList(answers: readonly Record<string, unknown>[]): Buffer {
  try {
    for (let i = 0; i < answers.length; i++) {
      if (i > 0) text += ','
      writeAnswer(answers[i])
    }
    return take()
  } finally {
    reset()
  }
}
