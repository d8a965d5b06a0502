// A signboard laid out for printing on A4, one board per page (seed §6(五): 河长姓名、职务、职责、
// 联系方式、责任范围、管护目标). Every value from the data is HTML-escaped; the page has no script
// and no remote asset: fonts come from the system's CJK fonts (fonts-noto-cjk on Debian).
import { escapeHtml } from '../ogc/html.ts'
import type { Signboard } from './board.ts'

const LEVEL_ZH: Record<Signboard['chiefs'][number]['level'], string> = {
  city: '市级',
  county: '县级',
  township: '乡镇级',
  village: '村级',
  village_group: '村小组',
}
const ROLE_ZH: Record<Signboard['chiefs'][number]['role'], string> = {
  chief_general: '总河长',
  deputy_chief_general: '副总河长',
  chief: '河长',
  specialist: '专管员',
}
/** GB 3838-2002 writes the classes in Roman numerals. */
const CLASS_ZH: Record<string, string> = {
  I: 'Ⅰ类',
  II: 'Ⅱ类',
  III: 'Ⅲ类',
  IV: 'Ⅳ类',
  V: 'Ⅴ类',
  worse_than_V: '劣Ⅴ类',
}

const e = (text: string | null | undefined) => escapeHtml(text ?? '')
const title = (c: Signboard['chiefs'][number]) => `${LEVEL_ZH[c.level]}${ROLE_ZH[c.role]}`

/** Metres as 公里 with two decimals, or whole 米 under a kilometre. */
export function lengthZh(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(2)} 公里` : `${Math.round(metres)} 米`
}

function endText(end: Signboard['reach']['start']): string {
  const parts = [end.description, end.place && end.place !== end.description ? `（${end.place}）` : null]
  return parts.filter(Boolean).join('') || `${end.point[0].toFixed(5)}, ${end.point[1].toFixed(5)}`
}

function targetsText(t: Signboard['targets']): string {
  if (!t.water_class) return '水质目标以水功能区划为准'
  const basis =
    t.basis === 'water_function_zone'
      ? t.water_function_zones.filter((z) => z.target_class === t.water_class).map((z) => z.name)
      : t.monitoring_sections.filter((s) => s.target_class === t.water_class).map((s) => `${s.name}断面`)
  return `水质达到 ${CLASS_ZH[t.water_class]} 标准（${basis.join('、')}）`
}

/** One board as a <section> (one A4 page when printed). */
export function boardSection(b: Signboard): string {
  const { reach } = b
  const chiefRows = b.chiefs
    .map(
      (c) =>
        `<tr class="chief" data-chief="${e(c.id)}"><td>${e(title(c))}</td><td class="name">${e(c.name)}</td>` +
        `<td>${e(c.position)}</td><td class="contact">${e(c.contact)}</td></tr>`,
    )
    .join('')
  // Each duty text once, after every title that carries it (the seed gives the chiefs-in-general
  // of all levels one text, and their deputies another), in the order the chiefs are listed.
  const duties = new Map<string, { titles: string[]; source: string | null }>()
  for (const c of b.chiefs) {
    if (!c.duties) continue
    const entry = duties.get(c.duties) ?? { titles: [], source: c.duties_source }
    if (!entry.titles.includes(title(c))) entry.titles.push(title(c))
    duties.set(c.duties, entry)
  }
  const dutyItems = [...duties]
    .map(
      ([text, { titles, source }]) =>
        `<dt>${e(titles.join('、'))}</dt><dd>${e(text)}<span class="source">（${e(source)}）</span></dd>`,
    )
    .join('')
  return `<section class="board" data-reach="${e(reach.code)}">
<header><h1>河长公示牌</h1><p class="reach-name">${e(reach.river ?? '')} ${e(reach.name)}</p></header>
<table class="scope"><tbody>
<tr><th>河段编码</th><td>${e(reach.code)}</td><th>长度</th><td>${e(lengthZh(reach.length_m))}</td></tr>
<tr><th>起点</th><td colspan="3">${e(endText(reach.start))}</td></tr>
<tr><th>终点</th><td colspan="3">${e(endText(reach.end))}</td></tr>
</tbody></table>
<h2>河长</h2>
<table class="chiefs"><thead><tr><th>职别</th><th>姓名</th><th>职务</th><th>联系电话</th></tr></thead>
<tbody>${chiefRows || '<tr><td colspan="4">暂无</td></tr>'}</tbody></table>
<h2>职责</h2>
<dl class="duties">${dutyItems}</dl>
<h2>管护目标</h2>
<p class="targets">${e(targetsText(b.targets))}；河面无漂浮物，河岸无垃圾，无违法排污口，无乱占乱建。</p>
<footer><p class="hotline">监督举报电话 <strong>${e(b.office.hotline)}</strong>（${e(b.office.name)}）</p>
<p class="meta">管理：${e(b.office.authority)} · 督察：${e(b.office.oversight)} · 公示日期 ${e(b.date)}</p></footer>
</section>`
}

const STYLE = `@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Micro Hei",
  "Microsoft YaHei", "PingFang SC", sans-serif; color: #111; }
body { margin: 0; }
.board { width: 186mm; min-height: 262mm; margin: 0 auto; padding: 6mm 8mm; border: 1.5mm solid #1f5fa8;
  display: flex; flex-direction: column; font-size: 9pt; line-height: 1.35; break-after: page;
  page-break-after: always; break-inside: avoid; }
.board:last-child { break-after: auto; page-break-after: auto; }
header { background: #1f5fa8; color: #fff; text-align: center; margin: -6mm -8mm 3mm; padding: 3mm; }
h1 { font-size: 24pt; letter-spacing: 0.3em; margin: 0; line-height: 1.2; }
.reach-name { font-size: 13pt; margin: 0.5mm 0 0; }
h2 { font-size: 11pt; color: #1f5fa8; border-bottom: 0.4mm solid #1f5fa8; margin: 2.5mm 0 1mm; line-height: 1.3; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.2mm solid #999; padding: 0.3mm 1.2mm; text-align: left; vertical-align: top; }
th { background: #eef3fa; white-space: nowrap; }
.chiefs td.name { font-weight: bold; white-space: nowrap; }
.chiefs td.contact { white-space: nowrap; }
dl.duties { margin: 0; font-size: 7.5pt; line-height: 1.3; display: grid; grid-template-columns: max-content 1fr;
  column-gap: 2mm; row-gap: 0.6mm; }
dl.duties dt { font-weight: bold; max-width: 40mm; }
dl.duties dd { margin: 0; }
.source { color: #777; font-size: 6.5pt; }
.targets { margin: 0; }
footer { margin-top: auto; padding-top: 2mm; text-align: center; }
.hotline { font-size: 13pt; margin: 0; }
.meta { font-size: 7.5pt; color: #555; margin: 0.5mm 0 0; }
@media screen { body { background: #ccc; } .board { background: #fff; margin: 6mm auto; } }`

/** The start of a printable document of boards titled `title`; sections follow, then documentEnd. */
export function documentStart(title: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>${STYLE}</style></head><body>
`
}

export const documentEnd = '</body></html>\n'

/** A whole printable page for one board (GET /signboards/{reachCode}.html). */
export function boardPage(b: Signboard): string {
  return `${documentStart(`河长公示牌 · ${b.reach.river ?? ''}${b.reach.name}`)}${boardSection(b)}\n${documentEnd}`
}
