// The people who hold the river-chief posts: the leaders of each city, county, park, township and
// village, created once per office and handed out in turn (one leader may chief several rivers).
// The first titles of every list are the ones the seed names for 总河长 and 副总河长: the party
// secretary and the head of government (§3(一)2, "由本级党政主要领导担任").
import type { Pref } from './context.ts'
import type { Chief } from './dataset.ts'
import type { Park } from './parks.ts'
import type { AdminUnit } from './partition.ts'
import type { Rng } from './random.ts'

export class ChiefIds {
  private n = 0
  next(): string {
    return `C${String(++this.n).padStart(6, '0')}`
  }
}

/** The holders of one office's titles: `next()` hands them out in turn, `holder(k)` is title k. */
export interface Office {
  next(): Chief
  holder(k: number): Chief
}

/** Office holder titles: 昆明市 → 昆明市委书记 / 昆明市长 / 昆明市副市长; 楚雄彝族自治州 → 楚雄州… */
export function cityTitles(name: string) {
  const t = name.endsWith('自治州') ? `${name.slice(0, 2)}州` : name
  const head = t.endsWith('州') ? '州长' : '市长'
  const base = t.slice(0, -1)
  return { t, head: `${base}${head}`, vice: `${t}副${head}` }
}

export class OfficeHolders {
  readonly chiefs: Chief[] = []
  private readonly offices = new Map<string, Office>()

  constructor(
    private readonly pref: Pref,
    private readonly rng: Rng,
    private readonly ids: ChiefIds,
  ) {}

  landline = () =>
    `${this.pref.areaCode}-${this.rng.int(6, 6)}${String(this.rng.int(0, 9999999)).padStart(7, '0')}`
  mobile = () =>
    `1${this.rng.pick(['3', '5', '8', '9'])}${this.rng.int(0, 9)}${String(this.rng.int(0, 99999999)).padStart(8, '0')}`

  person(position: string, phone: () => string): Chief {
    const c = { id: this.ids.next(), name: this.pref.names.person(), position, contact: phone() }
    this.chiefs.push(c)
    return c
  }

  /** The office `key` with these titles (created on first use; people on first appointment). */
  office(key: string, titles: string[], phone: () => string): Office {
    let office = this.offices.get(key)
    if (!office) {
      const people: Chief[] = []
      const holder = (k: number) => {
        people[k] ??= this.person(titles[k], phone)
        return people[k]
      }
      let i = 0
      office = { holder, next: () => holder(i++ % titles.length) }
      this.offices.set(key, office)
    }
    return office
  }

  county(c: AdminUnit): Office {
    const head = c.kind === '区' ? '区长' : c.kind === '市' ? '市长' : '县长'
    const vice = `副${head}`
    return this.office(
      c.code,
      [
        `${c.name}委书记`,
        `${c.name}${head}`,
        `${c.name}委副书记`,
        ...[1, 2, 3].map(() => `${c.name}${vice}`),
        ...[1, 2, 3].map(() => `${c.name}委常委`),
        `${c.name}人大常委会主任`,
        `${c.name}政协主席`,
      ],
      this.landline,
    )
  }

  /** A park's party working committee and managing committee (党工委, 管委会). */
  park(p: Park): Office {
    return this.office(
      p.code,
      [
        `${p.name}党工委书记`,
        `${p.name}管委会主任`,
        `${p.name}党工委副书记`,
        `${p.name}管委会常务副主任`,
        `${p.name}管委会副主任`,
        `${p.name}管委会副主任`,
      ],
      this.landline,
    )
  }

  township(t: AdminUnit): Office {
    const titles =
      t.kind === '街道'
        ? ['党工委书记', '办事处主任', '党工委副书记', '办事处副主任', '办事处副主任']
        : t.kind === '镇'
          ? ['党委书记', '镇长', '党委副书记', '副镇长', '副镇长', '人大主席']
          : ['党委书记', '乡长', '党委副书记', '副乡长', '人大主席']
    return this.office(
      t.code,
      titles.map((x) => `${t.name}${x}`),
      this.landline,
    )
  }

  village(v: AdminUnit, t: AdminUnit): Office {
    const titles =
      v.kind === '社区'
        ? ['党总支书记', '居委会主任', '居委会副主任']
        : ['党总支书记', '村委会主任', '村委会副主任', '村务监督委员会主任']
    return this.office(
      v.code,
      titles.map((x) => `${t.name}${v.name}${x}`),
      this.mobile,
    )
  }
}
