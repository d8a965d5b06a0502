// Search as you type (issue 12 item 3): a combobox (WAI-ARIA 1.2 pattern: arrows, Enter, Escape)
// over rivers, reaches, lakes, chiefs and places. Picking a hit flies to it and opens its card.
import { pointOnFeature, bbox as turfBbox } from '@turf/turf'
import type { FeatureCollection } from 'geojson'
import { getJson, isAbort } from '../api-client.ts'
import { h } from '../dom.ts'
import { t, term } from '../i18n/index.ts'
import { type ScopeKind, scopeFeature } from '../map/scope-layer.ts'
import { type SearchHit, searchPlaces } from '../search-results.ts'
import type { ViewerContext } from '../viewer-page.ts'

const LIMIT = 10
// Typing pauses shorter than this are one query: a request per keystroke would queue behind
// each other on a small server.
const DEBOUNCE_MS = 200

interface ChiefScopes {
  scopes: FeatureCollection<GeoJSON.Geometry, { scope_kind: ScopeKind; scope_id: number; active: boolean }>
}

export class SearchBox {
  private input: HTMLInputElement
  private list: HTMLUListElement
  private hits: SearchHit[] = []
  private selected = -1
  private pending?: AbortController
  private timer?: ReturnType<typeof setTimeout>

  constructor(
    root: HTMLElement,
    private readonly ctx: ViewerContext,
  ) {
    this.input = h('input', {
      id: 'search-input',
      type: 'search',
      role: 'combobox',
      autocomplete: 'off',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
      'aria-controls': 'search-results',
      'aria-label': t('search.label'),
      placeholder: t('search.placeholder'),
    })
    this.list = h('ul', { id: 'search-results', class: 'search-results', role: 'listbox', hidden: true })
    root.append(this.input, this.list)
    this.input.addEventListener('input', () => this.schedule())
    this.input.addEventListener('keydown', (e) => this.onKey(e))
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150))
  }

  private schedule(): void {
    clearTimeout(this.timer)
    const q = this.input.value.trim()
    if (!q) {
      this.close()
      return
    }
    this.timer = setTimeout(() => this.query(q), DEBOUNCE_MS)
  }

  private async query(q: string): Promise<void> {
    this.pending?.abort()
    const pending = new AbortController()
    this.pending = pending
    this.show([], t('search.searching'))
    try {
      const hits = await searchPlaces(q, LIMIT, this.ctx.asOf(), pending.signal)
      if (this.pending === pending) this.show(hits, t('search.none'))
    } catch (error) {
      if (isAbort(error)) return
      this.close()
      this.ctx.status.error((error as Error).message)
    }
  }

  private show(hits: SearchHit[], emptyText: string): void {
    this.hits = hits
    this.selected = -1
    this.list.replaceChildren(
      ...(hits.length === 0
        ? [h('li', { class: 'empty', role: 'option', 'aria-disabled': 'true' }, emptyText)]
        : hits.map((hit, i) => {
            const li = h(
              'li',
              { id: `search-hit-${i}`, role: 'option', 'aria-selected': 'false', 'data-kind': hit.kind },
              h('span', { class: 'kind' }, term('search.kind', hit.kind)),
              h('span', { class: 'name' }, hit.name),
              hit.detail ? h('span', { class: 'detail' }, hit.detail) : null,
            )
            // mousedown, not click: the input's blur would close the list first.
            li.addEventListener('mousedown', (e) => {
              e.preventDefault()
              this.pick(i)
            })
            return li
          })),
    )
    this.list.hidden = false
    this.input.setAttribute('aria-expanded', 'true')
  }

  private close(): void {
    this.list.hidden = true
    this.input.setAttribute('aria-expanded', 'false')
    this.input.removeAttribute('aria-activedescendant')
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      this.close()
      return
    }
    if (e.key === 'Enter') {
      e.preventDefault()
      if (this.hits.length > 0) this.pick(Math.max(this.selected, 0))
      return
    }
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0
    if (step === 0 || this.hits.length === 0) return
    e.preventDefault()
    this.selected = (this.selected + step + this.hits.length) % this.hits.length
    this.list.querySelectorAll('li').forEach((li, i) => {
      li.setAttribute('aria-selected', String(i === this.selected))
    })
    this.input.setAttribute('aria-activedescendant', `search-hit-${this.selected}`)
  }

  private async pick(i: number): Promise<void> {
    const hit = this.hits[i]
    this.close()
    this.input.value = hit.name
    try {
      if (hit.kind === 'chief' && !hit.point) await this.openChief(String(hit.id))
      else this.flyTo(hit)
    } catch (error) {
      if (!isAbort(error)) this.ctx.status.error((error as Error).message)
    }
  }

  private flyTo(hit: SearchHit): void {
    const { map } = this.ctx
    if (hit.bbox)
      map.fitBounds(
        [
          [hit.bbox[0], hit.bbox[1]],
          [hit.bbox[2], hit.bbox[3]],
        ],
        { padding: 40, maxZoom: 15 },
      )
    else if (hit.point)
      map.flyTo({ center: [hit.point.lon, hit.point.lat], zoom: Math.max(map.getZoom(), 13) })
    const point =
      hit.point ??
      (hit.bbox ? { lon: (hit.bbox[0] + hit.bbox[2]) / 2, lat: (hit.bbox[1] + hit.bbox[3]) / 2 } : null)
    if (point) this.ctx.showPage('locate', point)
  }

  /** A chief: fit the map to their current scopes, light them, and open the card on the first one. */
  private async openChief(id: string): Promise<void> {
    const { scopes } = await this.ctx.status.busy(
      t('search.searching'),
      getJson<ChiefScopes>(`/api/chiefs/${encodeURIComponent(id)}`, { date: this.ctx.asOf() }),
    )
    const active = scopes.features.filter((f) => f.properties.active && f.geometry)
    if (active.length === 0) return
    const collection: FeatureCollection = { type: 'FeatureCollection', features: active }
    const [w, s, e, n] = turfBbox(collection)
    this.ctx.map.fitBounds(
      [
        [w, s],
        [e, n],
      ],
      { padding: 40, maxZoom: 15 },
    )
    // The smallest scope is the one the chief answers for personally (their reach, not the city).
    const first = active.reduce((a, b) => (area(a) <= area(b) ? a : b))
    const [lon, lat] = pointOnFeature(first).geometry.coordinates
    this.ctx.showPage('locate', { lon, lat, chief: id })
    this.ctx.highlight.set(
      'selected',
      active.map((f) => scopeFeature({ kind: f.properties.scope_kind, id: f.properties.scope_id })),
    )
  }
}

function area(f: GeoJSON.Feature): number {
  const [w, s, e, n] = turfBbox(f)
  return (e - w) * (n - s)
}
