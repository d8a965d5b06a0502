// The layer panel's tile-source switch: live tiles, or a PMTiles snapshot when the server holds
// one (GET /pmtiles lists them). Switching swaps the style's sources and keeps the highlights.
import { ApiError, getJson } from '../api-client.ts'
import { h } from '../dom.ts'
import { t } from '../i18n/index.ts'
import { liveTileSources, pmtilesSource, registerPmtilesProtocol } from '../map/pmtiles-style.ts'
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
  const live = liveTileSources(ctx.map.getStyle())
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

  // Only our tile sources change: sources and layers added since (a page's drawing layers, the
  // highlights) are carried over as they are now.
  const use = (archive: string) => {
    const current = ctx.map.getStyle()
    const sources = { ...current.sources }
    if (archive) registerPmtilesProtocol()
    const archiveUrl = new URL(`/pmtiles/${archive}.pmtiles`, location.href).href
    for (const [id, source] of Object.entries(live))
      sources[id] = archive ? pmtilesSource(archiveUrl) : source
    ctx.map.once('style.load', () => ctx.highlight.reapply())
    ctx.map.setStyle({ ...current, sources }, { diff: false })
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
