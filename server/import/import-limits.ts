// The configured limits, and the errors that name them, so whoever hits one knows which
// setting to raise or how to split the file.
import { BadRequest, PayloadTooLarge } from '../errors.ts'

export interface ImportLimits {
  /** MAX_FEATURES: most records one import may hold. */
  maxFeatures: number
  /** MAX_VERTICES: most vertices one feature may hold. */
  maxVertices: number
  /** MAX_UPLOAD_MB, in bytes: the largest upload, and the most a zip may unpack to ×10. */
  maxUploadBytes: number
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxFeatures: 2_000_000,
  maxVertices: 100_000,
  maxUploadBytes: 512 << 20,
}

export function limitsFromConfig(config: {
  MAX_FEATURES: number
  MAX_VERTICES: number
  MAX_UPLOAD_MB: number
}): ImportLimits {
  return {
    maxFeatures: config.MAX_FEATURES,
    maxVertices: config.MAX_VERTICES,
    maxUploadBytes: Math.round(config.MAX_UPLOAD_MB * 1024 * 1024),
  }
}

export const tooManyVertices = (recordNo: number, vertices: number, limits: ImportLimits) =>
  new BadRequest(
    `record #${recordNo} has ${vertices} vertices, more than the limit MAX_VERTICES = ${limits.maxVertices}`,
    { limit: 'MAX_VERTICES', value: limits.maxVertices },
    'limit_exceeded',
  )

export const tooManyFeatures = (limits: ImportLimits) =>
  new PayloadTooLarge(
    `the file holds more than MAX_FEATURES = ${limits.maxFeatures} features; split it or raise the limit`,
  )

export const uploadTooLarge = (limits: ImportLimits) =>
  new PayloadTooLarge(
    `the upload is larger than MAX_UPLOAD_MB = ${Math.round(limits.maxUploadBytes / 1024 / 1024)} MB`,
  )
