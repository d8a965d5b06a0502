// The side panel: one tab per page (web/pages/*), the active one kept in `?page=` so a link opens
// it. At phone width the panel is a bottom sheet that collapses to its tab bar (issue 12 item 7).
import { h } from '../dom.ts'
import { pick, t } from '../i18n/index.ts'
import type { PageHandle, ViewerContext, ViewerPage } from '../viewer-page.ts'

interface Mounted {
  page: ViewerPage
  tab: HTMLButtonElement
  body: HTMLElement
  handle: PageHandle
}

export class SidePanel {
  private mounted: Mounted[] = []
  private active?: Mounted
  readonly el: HTMLElement
  private tabs = h('div', { class: 'panel-tabs', role: 'tablist' })
  private bodies = h('div', { class: 'panel-bodies' })

  constructor(private readonly toggle: HTMLButtonElement) {
    this.el = h(
      'aside',
      { id: 'panel', class: 'panel', 'aria-label': t('panel.toggle') },
      this.tabs,
      this.bodies,
    )
    toggle.setAttribute('aria-controls', 'panel')
    toggle.addEventListener('click', () => this.setOpen(!this.isOpen()))
    this.tabs.addEventListener('keydown', (e) => this.onTabKey(e))
  }

  /** Mounts the pages in `order`, then shows the one of `?page=` or the first. */
  mount(pages: ViewerPage[], ctx: ViewerContext): void {
    for (const page of [...pages].sort((a, b) => a.order - b.order)) {
      const tab = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `tab-${page.id}`,
          'aria-controls': `page-${page.id}`,
          'aria-selected': 'false',
          tabindex: -1,
        },
        pick(page.title),
      )
      const body = h('section', {
        id: `page-${page.id}`,
        class: 'page',
        role: 'tabpanel',
        'aria-labelledby': tab.id,
        hidden: true,
      })
      this.tabs.append(tab)
      this.bodies.append(body)
      const handle = page.mount(body, ctx) ?? {}
      const m = { page, tab, body, handle }
      tab.addEventListener('click', () => this.show(page.id))
      this.mounted.push(m)
    }
    const asked = new URLSearchParams(location.search).get('page')
    this.show(
      this.mounted.find((m) => m.page.id === asked)?.page.id ?? this.mounted[0]?.page.id,
      undefined,
      false,
    )
  }

  /** Brings page `id` to the front with `args`; opens the panel when `open` (default). */
  show(id: string | undefined, args?: unknown, open = true): void {
    const next = this.mounted.find((m) => m.page.id === id)
    if (!next) return
    if (this.active !== next) {
      this.active?.handle.hide?.()
      for (const m of this.mounted) {
        const on = m === next
        m.tab.setAttribute('aria-selected', String(on))
        m.tab.tabIndex = on ? 0 : -1
        m.body.hidden = !on
      }
      this.active = next
      const url = new URL(location.href)
      url.searchParams.set('page', next.page.id)
      history.replaceState(history.state, '', url)
    }
    if (open) this.setOpen(true)
    if (args !== undefined) next.handle.open?.(args)
  }

  /** The page in front's handler for a map click; false when it has none or declined. */
  mapClick(lngLat: { lon: number; lat: number }): boolean {
    return this.active?.handle.onMapClick?.(lngLat) ?? false
  }

  isOpen(): boolean {
    return !document.body.classList.contains('panel-collapsed')
  }

  setOpen(open: boolean): void {
    document.body.classList.toggle('panel-collapsed', !open)
    this.toggle.setAttribute('aria-expanded', String(open))
  }

  // WAI-ARIA tabs pattern: arrows move between tabs, Home/End to the ends.
  private onTabKey(e: KeyboardEvent): void {
    const i = this.mounted.findIndex((m) => m.tab === document.activeElement)
    if (i < 0) return
    const n = this.mounted.length
    const next = {
      ArrowRight: i + 1,
      ArrowDown: i + 1,
      ArrowLeft: i - 1,
      ArrowUp: i - 1,
      Home: 0,
      End: n - 1,
    }[e.key]
    if (next === undefined) return
    e.preventDefault()
    const m = this.mounted[(next + n) % n]
    this.show(m.page.id)
    m.tab.focus()
  }
}
