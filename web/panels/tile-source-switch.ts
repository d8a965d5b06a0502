// The layer panel's tile-source switch: live tiles, or a PMTiles snapshot when the server holds
// one (GET /pmtiles lists them). Switching swaps the style's sources and keeps the highlights.
import type { StyleSpecification } from 'maplibre-gl'
import { ApiError, getJson } from '../api-client.ts'
import { h } from '../dom.ts'
import { t } from '../i18n/index.ts'
import { registerPmtilesProtocol, withPmtilesSources } from '../map/pmtiles-style.ts'
import type { ViewerContext } from '../viewer-page.ts'

interface ArchiveList {
  archives: { name: string }[]
}

/** The served archives' names; none when the server lists none (404 or an empty TILES_DIR). */
async function servedArchives(): Promise<string[]> {
  try {
    return (await getJson<ArchiveList>('/pmtiles')).archives.map((a) => a.name)
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return []
    throw error
  }
}

/** A fieldset of radio buttons: live tiles, then one per served archive (disabled while there is none). */
export function tileSourceSwitch(ctx: ViewerContext): HTMLElement {
  const live = ctx.map.getStyle()
  const radio = (value: string, label: string, checked = false) => {
    const input = h('input', { type: 'radio', name: 'tile-source', value, checked })
    input.addEventListener('change', () => input.checked && use(value))
    return h('label', { class: 'source-option' }, input, label)
  }
  const note = h('p', { class: 'hint' }, t('layers.loading'))
  const fieldset = h(
    'fieldset',
    { class: 'tile-source' },
    h('legend', {}, t('layers.source')),
    radio('', t('layers.source.live'), true),
    note,
  )

  const use = (archive: string) => {
    const current = ctx.map.getStyle()
    // Keep the toggles' visibility: layers come from the current style, sources from the first.
    const base: StyleSpecification = {
      ...current,
      sources: live.sources,
      layers: current.layers.filter((l) => !l.id.startsWith('hl-')),
    }
    if (archive) registerPmtilesProtocol()
    const next = archive
      ? withPmtilesSources(base, new URL(`/pmtiles/${archive}.pmtiles`, location.href).href)
      : base
    ctx.map.once('style.load', () => ctx.highlight.reapply())
    ctx.map.setStyle(next, { diff: false })
    document.body.dataset.tileSource = archive || 'live'
  }

  ctx.status
    .busy(t('layers.loading'), servedArchives())
    .then((names) => {
      note.textContent = names.length === 0 ? t('layers.source.pmtilesNone') : ''
      for (const name of names)
        fieldset.insertBefore(radio(name, `${t('layers.source.pmtiles')}: ${name}`), note)
    })
    .catch((error: Error) => {
      note.textContent = ''
      ctx.status.error(error.message)
    })
  return fieldset
}
