// The "whole city" button: back to the extent of the city's administrative areas.
import type { IControl, LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl'
import { h } from '../dom.ts'
import { t } from '../i18n/index.ts'

export class WholeCityControl implements IControl {
  constructor(private readonly bounds: LngLatBoundsLike) {}

  onAdd(map: MapLibreMap): HTMLElement {
    const button = h(
      'button',
      {
        type: 'button',
        class: 'whole-city',
        title: t('map.wholeCity.title'),
        'aria-label': t('map.wholeCity.title'),
      },
      t('map.wholeCity'),
    )
    button.addEventListener('click', () => map.fitBounds(this.bounds, { padding: 24 }))
    return h('div', { class: 'maplibregl-ctrl maplibregl-ctrl-group' }, button)
  }

  onRemove(): void {}
}
