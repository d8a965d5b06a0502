// The one interface every tile producer implements (PostGIS ST_AsMVT, geojson-vt, a PMTiles
// archive), after PMTiles' two-method Source and martin's Source trait: the HTTP layer, the cache
// and the PMTiles exporter know only this.

/** A tile address in the XYZ scheme (Web Mercator, EPSG:3857, y down from the north). */
export interface TileAddress {
  z: number
  x: number
  y: number
}

export interface TileSource {
  /** The MVT layer names (= registry layer ids) this source puts in its tiles, in order. */
  readonly layers: readonly string[]
  /**
   * The Mapbox Vector Tile (uncompressed protobuf) of one address, or null when no feature of
   * any layer falls in it (served as 204). `signal` aborts the work when the client has gone:
   * database work is cancelled, and the promise rejects with the signal's reason.
   */
  getTile(address: TileAddress, signal?: AbortSignal): Promise<Uint8Array | null>
}
