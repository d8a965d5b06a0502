// The layer panel (issue 12 item 1): a toggle and a legend entry for every layer, in the style's
// own colours, and the tile-source switch (live tiles or the server's PMTiles snapshot).
import type { Map as MapLibreMap } from 'maplibre-gl'
import { h } from '../dom.ts'
import { pick, t, term } from '../i18n/index.ts'
import { legendOf, styleLayersOf } from '../map/style-legend.ts'
import { tileSourceSwitch } from '../panels/tile-source-switch.ts'
import type { ViewerContext, ViewerPage } from '../viewer-page.ts'

function swatch(shape: string, colour: string): HTMLElement {
  return h('span', { class: `swatch swatch-${shape}`, style: `--swatch:${colour}`, 'aria-hidden': 'true' })
}

/**
 * A legend value in words: levels as levels (市级 …), a patrol's validity as valid or not, other
 * values (zone colours, classes, report statuses) as values.
 */
function valueLabel(property: string | undefined, value: string): string {
  if (property === 'valid') return t(value === 'true' ? 'patrol.valid' : 'patrol.invalid')
  return property === 'level' || property === 'management_level' ? term('level', value) : term('value', value)
}

function setVisible(map: MapLibreMap, layer: string, visible: boolean): void {
  for (const l of styleLayersOf(map.getStyle(), layer))
    map.setLayoutProperty(l.id, 'visibility', visible ? 'visible' : 'none')
}

function layerRow(ctx: ViewerContext, id: string, title: string): HTMLElement {
  const style = ctx.map.getStyle()
  const drawn = styleLayersOf(style, id)
  const legend = legendOf(style, id)
  const visible = drawn.some((l) => (l.layout as { visibility?: string } | undefined)?.visibility !== 'none')
  const box = h('input', { type: 'checkbox', id: `layer-${id}`, 'data-layer': id, checked: visible })
  box.addEventListener('change', () => setVisible(ctx.map, id, box.checked))
  const single = legend.length === 1 && legend[0].value === undefined
  return h(
    'li',
    { class: 'layer-row' },
    h('label', { for: box.id }, box, single ? swatch(legend[0].shape, legend[0].colour) : null, title),
    single || legend.length === 0
      ? null
      : h(
          'ul',
          { class: 'legend' },
          legend.map((e) => h('li', {}, swatch(e.shape, e.colour), valueLabel(e.property, e.value ?? ''))),
        ),
  )
}

export const page: ViewerPage = {
  id: 'layers',
  title: { zh: '图层', en: 'Layers' },
  order: 10,
  mount(root, ctx) {
    const drawnLayers = ctx.layers.filter((l) => styleLayersOf(ctx.map.getStyle(), l.id).length > 0)
    // Top of the map first, as the eye reads a legend.
    const rows = [...drawnLayers].reverse().map((l) => layerRow(ctx, l.id, pick(l.title)))
    root.append(
      h('h2', {}, t('layers.heading')),
      tileSourceSwitch(ctx),
      h('ul', { class: 'layer-list' }, rows),
    )
    return {}
  },
}
