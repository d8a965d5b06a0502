// What PostgreSQL can hold as text: no NUL (its strings are C strings) and well-formed UTF-16 on
// our side (an unpaired surrogate has no UTF-8 form; drivers would silently turn it into U+FFFD).

/** A UTF-16 surrogate without its partner. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** True when PostgreSQL can store `value` as text unchanged. */
export function isDatabaseText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value)
}
