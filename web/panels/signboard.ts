// Every chief of a place laid out like the river chief signboard (河长公示牌, seed §3(四)): grouped
// by level, city first, each with name, position, role, contact and scope. Clicking a chief lights
// their scope on the map.
import { h } from '../dom.ts'
import { t, term } from '../i18n/index.ts'
import type { ScopeKind } from '../map/scope-layer.ts'

export interface ChiefOnDuty {
  id: string
  name: string
  level: string
  role: string
  position: string | null
  contact: string | null
  valid_from: string
  valid_to: string | null
  scope: { kind: ScopeKind; id: number; code: string; name: string; distance_m: number | null }
}

/**
 * The signboard for `chiefs` (already in the server's order: city first, then by role). `onPick`
 * is called with the chief whose scope to show; `selected` marks one (by chief id and scope).
 */
export function signboard(
  chiefs: ChiefOnDuty[],
  onPick: (chief: ChiefOnDuty, row: HTMLElement) => void,
  selected?: string,
): HTMLElement {
  const board = h(
    'section',
    { class: 'signboard', 'aria-label': t('locate.signboard') },
    h('h3', {}, t('locate.signboard')),
  )
  if (chiefs.length === 0) {
    board.append(h('p', {}, t('locate.chiefs.none')))
    return board
  }
  const levels = [...new Set(chiefs.map((c) => c.level))]
  for (const level of levels) {
    const group = h('div', { class: 'level-group' }, h('div', { class: 'level-title' }, term('level', level)))
    for (const chief of chiefs.filter((c) => c.level === level)) {
      const row = h(
        'div',
        { class: 'chief', 'data-chief': chief.id, 'data-scope': `${chief.scope.kind}:${chief.scope.id}` },
        h('span', { class: 'chief-name' }, chief.name),
        h('span', { class: 'chief-role' }, term('role', chief.role)),
        h('span', { class: 'chief-meta' }, `${t('chief.position')}：${chief.position ?? '—'}`),
        h('span', { class: 'chief-meta' }, `${t('chief.contact')}：${chief.contact ?? '—'}`),
        h(
          'span',
          { class: 'chief-meta' },
          `${t('chief.scope')}：${term('scope', chief.scope.kind)} ${chief.scope.name}` +
            (chief.scope.distance_m ? ` (${Math.round(chief.scope.distance_m)} ${t('unit.m')})` : ''),
        ),
        h('span', { class: 'chief-meta' }, `${t('chief.since')}：${chief.valid_from}`),
      )
      const show = h('button', { type: 'button' }, t('chief.highlight'))
      show.addEventListener('click', () => onPick(chief, row))
      row.append(show)
      if (selected === chief.id) row.classList.add('selected')
      group.append(row)
    }
    board.append(group)
  }
  return board
}
