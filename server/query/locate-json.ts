// The JSON text of a locate answer, the bytes JSON.stringify gives, written from pieces the index
// shares between answers: an area's chiefs, its admin entry, a zone's properties are the same
// objects in every answer that holds them, so their text is made once, when first written, and
// then reused. Stringifying was about a tenth of a locate from the index, and most of a batch's
// 25 MB is these pieces (issue 14: a leaner writer for the batch).

/** The objects marked shared, each with its text once first written (undefined until then). */
const texts = new WeakMap<object, string | undefined>()

/**
 * Marks `value` as shared between answers and returns it, frozen (deeply): its JSON text is kept
 * (with the value, weakly) once written, so a change would go unseen; frozen, it throws instead.
 */
export function shareJson<T extends object>(value: T): T {
  if (!texts.has(value)) texts.set(deepFreeze(value), undefined)
  return value
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/** JSON.stringify(value) for a value or list element of an answer: the kept text when shared. */
function element(value: unknown): string {
  if (typeof value !== 'object' || value === null || !texts.has(value)) return JSON.stringify(value) ?? 'null'
  let text = texts.get(value)
  if (text === undefined) {
    text = JSON.stringify(value)
    texts.set(value, text)
  }
  return text
}

const list = (values: readonly unknown[]) =>
  values.length === 0 ? '[]' : `[${values.map(element).join(',')}]`

/**
 * JSON.stringify(answer), byte for byte, for a locate answer (LocateResponse or LocateResult: a
 * flat object whose arrays and `zones` lists may hold shared objects). Keys come in the object's
 * order, undefined values are left out as JSON.stringify does; any other value is stringified whole.
 * Throws what JSON.stringify throws (e.g. a BigInt).
 */
export function locateJson(answer: Record<string, unknown>): string {
  const parts: string[] = []
  for (const key of Object.keys(answer)) {
    const value = answer[key]
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue
    let text: string
    if (Array.isArray(value)) text = list(value)
    else if (key === 'zones' && value !== null && typeof value === 'object' && !('toJSON' in value)) {
      const zones = value as Record<string, unknown>
      const inner: string[] = []
      for (const layer of Object.keys(zones))
        if (zones[layer] !== undefined)
          inner.push(
            `${JSON.stringify(layer)}:${Array.isArray(zones[layer]) ? list(zones[layer] as unknown[]) : JSON.stringify(zones[layer])}`,
          )
      text = `{${inner.join(',')}}`
    } else text = element(value)
    parts.push(`${JSON.stringify(key)}:${text}`)
  }
  return `{${parts.join(',')}}`
}
