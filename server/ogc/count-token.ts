// numberMatched is exact (issue 10 item 2), but counting a filtered layer again for every page
// costs as much as the page itself. The first page counts once and its next/prev links carry the
// count as `matched=<count>.<signature>`; later pages verify the signature and reuse it. The
// signature binds the count to the collection and the parameters that choose the matched set,
// under a key made at process start, so an edited, moved or stale-server value is recounted,
// never believed.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

const KEY = randomBytes(32)

/** The parameters that decide which features match (not paging, order, CRS or format). */
const SELECTING = new Set(['bbox', 'bbox-crs', 'datetime', 'filter', 'filter-lang', 'filter-crs'])

function signature(collection: string, selecting: string, count: number): string {
  return createHmac('sha256', KEY)
    .update(`${collection}\n${selecting}\n${count}`)
    .digest('base64url')
    .slice(0, 22)
}

/**
 * The selecting part of a request: the selecting parameters and attribute equalities
 * (`attributes`), sorted, as one string.
 */
export function selectingKey(values: ReadonlyMap<string, string>, attributes: readonly string[]): string {
  return [...values]
    .filter(([name]) => SELECTING.has(name) || attributes.includes(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

/** `matched` for a count of `collection` under `selecting`. */
export function signCount(collection: string, selecting: string, count: number): string {
  return `${count}.${signature(collection, selecting, count)}`
}

/** The count a `matched` value carries, or undefined when it is absent, malformed or forged. */
export function verifiedCount(
  collection: string,
  selecting: string,
  matched: string | undefined,
): number | undefined {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(matched ?? '')
  if (!m) return undefined
  const count = Number(m[1])
  const expected = Buffer.from(signature(collection, selecting, count))
  const given = Buffer.from(m[2])
  return timingSafeEqual(expected, given) ? count : undefined
}
