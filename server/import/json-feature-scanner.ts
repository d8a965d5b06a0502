// Splits a GeoJSON text into features as it streams, so a 1 GB FeatureCollection never has to
// be one string: each element of the root's "features" array is cut out and handed over on its
// own; everything else in the root (type, crs, bbox, or a whole single Feature) is kept as a
// small skeleton with "features" left empty.
//
// Ours rather than a kept streaming parser because it is much faster: it only tracks depth and
// strings, and V8's JSON.parse builds each feature. 50 000 polygons of 21 vertices (32 MB), best
// of 3 on the 2-core dev machine, JSON.parse of the whole file as the floor (423 ms):
//   this scanner + JSON.parse 357 ms (0.84×), @streamparser/json 0.0.26 2086 ms (4.9×),
//   stream-json 3.8 pick + streamArray 4617 ms (10.9×)
// Reproduce: npm install --no-save stream-json@3 @streamparser/json && npx tsx scripts/bench/geojson-scan.ts
import { BadRequest } from '../errors.ts'

const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const QUOTE = 0x22
const BACKSLASH = 0x5c
const COLON = 0x3a
const COMMA = 0x2c

export class JsonFeatureScanner {
  private depth = 0
  private inString = false
  private escaped = false
  private started = false
  /** Root-level bookkeeping: the key being read and the last key seen. */
  private keyParts: string[] | null = null
  private lastKey: string | null = null
  private expectKey = false
  /** Inside the root's features array (depth 2 there), and the feature being cut out. */
  private inFeatures = false
  private featureParts: string[] | null = null
  private featureStart = 0
  private skeleton: string[] = []
  private skeletonStart = 0
  /** Root members that precede the current position, parsed as each one closes. */
  readonly members = new Map<string, string>()
  private memberStart = -1
  private memberParts: string[] = []
  featuresSeen = 0
  /** The crs member as it stood when the first feature closed (undefined: none yet). */
  crsAtFirstFeature: string | undefined

  constructor(private readonly fileName: string) {}

  /** Feeds a chunk; returns the complete features it finished, as JSON text. */
  push(chunk: string): string[] {
    const out: string[] = []
    this.skeletonStart = this.inFeatures ? -1 : 0
    if (this.memberStart >= 0) this.memberStart = 0
    if (this.featureParts) this.featureStart = 0
    if (this.keyParts) this.keyStart = 0
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i)
      if (this.inString) {
        if (this.escaped) this.escaped = false
        else if (c === BACKSLASH) this.escaped = true
        else if (c === QUOTE) {
          this.inString = false
          if (this.keyParts) {
            this.keyParts.push(chunk.slice(this.keyStart, i))
            this.lastKey = this.keyParts.join('')
            this.keyParts = null
          }
        }
        continue
      }
      if (c <= 0x20) continue
      if (!this.started) {
        if (c !== OPEN_OBJECT) throw new BadRequest(`${this.fileName} is not a GeoJSON object`)
        this.started = true
      }
      if (this.inFeatures && this.depth === 2 && c !== OPEN_OBJECT && c !== COMMA && c !== CLOSE_ARRAY)
        throw new BadRequest(
          `${this.fileName}: element ${this.featuresSeen + 1} of "features" is not an object`,
        )
      switch (c) {
        case QUOTE:
          this.inString = true
          if (this.depth === 1 && this.expectKey) {
            this.keyParts = []
            this.keyStart = i + 1
            this.expectKey = false
          }
          break
        case COLON:
          if (this.depth === 1) this.startMember(i + 1)
          break
        case COMMA:
          if (this.depth === 1) {
            this.endMember(chunk, i)
            this.expectKey = true
          }
          break
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          if (this.depth === 0) this.expectKey = true
          if (this.inFeatures && this.depth === 2 && c === OPEN_OBJECT) {
            this.featureParts = []
            this.featureStart = i
          }
          if (this.depth === 1 && c === OPEN_ARRAY && this.lastKey === 'features') {
            this.inFeatures = true
            // The skeleton keeps "features": [] and skips the elements.
            this.skeleton.push(chunk.slice(this.skeletonStart, i + 1))
            this.skeletonStart = -1
            this.memberStart = -1
          }
          this.depth++
          break
        case CLOSE_OBJECT:
        case CLOSE_ARRAY:
          this.depth--
          if (this.depth < 0) throw new BadRequest(`${this.fileName} is not valid JSON: unbalanced brackets`)
          if (this.featureParts && this.depth === 2 && c === CLOSE_OBJECT) {
            this.featureParts.push(chunk.slice(this.featureStart, i + 1))
            out.push(this.featureParts.join(''))
            if (this.featuresSeen === 0) this.crsAtFirstFeature = this.members.get('crs')
            this.featuresSeen++
            this.featureParts = null
          }
          if (this.inFeatures && this.depth === 1) {
            this.inFeatures = false
            this.skeletonStart = i
          }
          if (this.depth === 0) this.endMember(chunk, i)
          break
      }
    }
    if (this.featureParts) this.featureParts.push(chunk.slice(this.featureStart))
    if (this.keyParts) this.keyParts.push(chunk.slice(this.keyStart))
    if (this.skeletonStart >= 0) this.skeleton.push(chunk.slice(this.skeletonStart))
    if (this.memberStart >= 0) this.memberParts.push(chunk.slice(this.memberStart))
    return out
  }

  private keyStart = 0

  private startMember(at: number) {
    this.memberStart = at
    this.memberParts = []
  }

  private endMember(chunk: string, at: number) {
    if (this.memberStart < 0 || this.lastKey === null) return
    if (this.lastKey !== 'features') {
      this.memberParts.push(chunk.slice(this.memberStart, at))
      const text = this.memberParts.join('')
      // Only small members are worth keeping apart; a big one is in the skeleton anyway.
      if (text.length < 1 << 16) this.members.set(this.lastKey, text)
    }
    this.memberStart = -1
    this.memberParts = []
  }

  /** The root with an empty features array, parsed; call once the text has ended. */
  finish(): Record<string, unknown> {
    if (!this.started) throw new BadRequest(`${this.fileName} is empty`)
    if (this.depth !== 0 || this.inString)
      throw new BadRequest(`${this.fileName} is not valid JSON: it ends in the middle of a value`)
    try {
      return JSON.parse(this.skeleton.join('')) as Record<string, unknown>
    } catch (error) {
      throw new BadRequest(`${this.fileName} is not valid JSON (${(error as Error).message})`)
    }
  }
}
