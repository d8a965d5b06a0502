// A GPS track as uploaded, after its format is read and before it is checked and stored.

/** Coordinates in the request's CRS, in order; times in epoch milliseconds, one per vertex. */
export interface RawTrack {
  coordinates: [number, number][]
  /** null when the upload carried no per-fix times (refused later: validate-track.ts). */
  times: number[] | null
  /** The chief named inside the upload (GeoJSON properties.chief_id), if any. */
  chiefId?: string
}

/** A checked track in storage lon/lat (EPSG:4490), times strictly increasing, one per vertex. */
export interface Track {
  coordinates: [number, number][]
  times: number[]
}
