// The tile ETag (tiles/etag.ts) is derived from what the tile is made of: the same inputs give
// the same ETag, and each input — layers and their order, address, store, the version of any
// table the tile reads — changes it, while a version of a table it does not read does not.
import { describe, expect, it } from 'vitest'
import type { VersionSnapshot } from '../../tiles/data-versions.ts'
import { tileEtag, versionStamp } from '../../tiles/etag.ts'
import { tileTables } from '../../tiles/tile-fields.ts'

const snapshot = (storeId: string, versions: Record<string, number>): VersionSnapshot => ({
  storeId,
  versions: new Map(Object.entries(versions)),
})

describe('tile ETag', () => {
  const layers = ['reaches'] as const
  const address = { z: 12, x: 3215, y: 1756 }
  const tables = tileTables(layers)
  const base = snapshot('store-a', { reaches: 7, rivers: 3, lakes: 9 })
  const etag = (s: VersionSnapshot, l: readonly ('reaches' | 'lakes')[] = layers, a = address) =>
    tileEtag(l, a, versionStamp(s, tileTables(l)))

  it('reads the reach layer and the rivers its river name comes from (registry tiles.derived)', () => {
    expect(tables).toEqual(['reaches', 'rivers'])
  })

  it('is one strong ETag for the same inputs', () => {
    expect(etag(base)).toMatch(/^"[A-Za-z0-9_-]{27}"$/)
    expect(etag(snapshot('store-a', { reaches: 7, rivers: 3, lakes: 9 }))).toBe(etag(base))
  })

  it('changes with the store, the version of every table read, the address and the layers', () => {
    const others = [
      etag(snapshot('store-b', { reaches: 7, rivers: 3, lakes: 9 })),
      etag(snapshot('store-a', { reaches: 8, rivers: 3, lakes: 9 })),
      etag(snapshot('store-a', { reaches: 7, rivers: 4, lakes: 9 })),
      etag(base, layers, { ...address, x: address.x + 1 }),
      etag(base, layers, { ...address, y: address.y + 1 }),
      etag(base, layers, { z: 13, x: address.x, y: address.y }),
      etag(base, ['reaches', 'lakes']),
      etag(base, ['lakes', 'reaches']),
    ]
    expect(new Set([etag(base), ...others]).size).toBe(others.length + 1)
  })

  it('does not change with the version of a table the tile does not read', () => {
    expect(etag(snapshot('store-a', { reaches: 7, rivers: 3, lakes: 10 }))).toBe(etag(base))
    // A table never written counts as version 0, the same as one written never.
    expect(versionStamp(snapshot('s', {}), ['reaches'])).toBe(
      versionStamp(snapshot('s', { reaches: 0 }), ['reaches']),
    )
  })
})
