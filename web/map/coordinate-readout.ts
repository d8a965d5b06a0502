// The pointer's position as lon/lat and as CGCS2000 GK zone 34/35 eastings and northings
// (issue 12 item 1): the numbers a surveyor's drawing and a citizen's phone each give.
import type { IControl, Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl'
import { h } from '../dom.ts'
import { t } from '../i18n/index.ts'
import { gaussKruger } from './gauss-kruger.ts'

/** A bottom-left control; it follows the pointer, and the map's centre when there is none (touch). */
export class CoordinateReadout implements IControl {
  private el = h('div', { class: 'maplibregl-ctrl coord-readout', 'aria-live': 'off' })
  private map?: MapLibreMap

  onAdd(map: MapLibreMap): HTMLElement {
    this.map = map
    map.on('mousemove', this.onMove)
    map.on('moveend', this.onCentre)
    this.show(map.getCenter().lng, map.getCenter().lat)
    return this.el
  }

  onRemove(): void {
    this.map?.off('mousemove', this.onMove)
    this.map?.off('moveend', this.onCentre)
    this.el.remove()
  }

  private onMove = (e: MapMouseEvent) => this.show(e.lngLat.lng, e.lngLat.lat)
  private onCentre = () => {
    const c = this.map!.getCenter()
    if (!this.el.matches(':hover')) this.show(c.lng, c.lat)
  }

  private show(lon: number, lat: number): void {
    const [near] = gaussKruger(lon, lat)
    this.el.replaceChildren(
      h('span', { class: 'coord-lonlat' }, `${t('map.coords')} ${lon.toFixed(6)}°, ${lat.toFixed(6)}°`),
      h(
        'span',
        { class: 'coord-gk', title: `EPSG:${near.epsg}` },
        `${t('map.gk')} ${t('map.gk.zone', { zone: near.zone })} ` +
          `${t('map.gk.easting')} ${near.easting.toFixed(1)} ${t('map.gk.northing')} ${near.northing.toFixed(1)}`,
      ),
    )
  }
}
