// Loading tells whoever caches layer content (tiles, counts) that a layer changed.
import { EventEmitter } from 'node:events'
import type { LayerId } from '../layers/registry.ts'

const emitter = new EventEmitter()

export function onLayerChanged(listener: (layer: LayerId) => void): () => void {
  emitter.on('changed', listener)
  return () => emitter.off('changed', listener)
}

export function layerChanged(layer: LayerId) {
  emitter.emit('changed', layer)
}
