// Chinese names for synthetic places, waters and people. Pools are flavoured like Yunnan place
// names (营, 哨, 铺, 箐, 冲, 甸 are typical of the province's toponymy).
import type { Rng } from './random.ts'

// Common surnames, most frequent first; 普, 者, 李 and 杨 are also common among Yunnan's Yi.
const SURNAMES =
  '李王张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万严武戴孔汤普者字施鲁保'
const GIVEN =
  '建国华明伟军平红林丽芳勇强杰涛斌辉刚敏静燕霞云春金志文海德永忠荣昆滇新宏兵波俊峰亮磊鹏飞琳洁婷颖慧瑜凯晨旭阳雪梅兰菊秀英玉珍凤萍娟艳丹宇浩然嘉诚思源子涵佳怡光荣家福'

const PLACE_A =
  '大小上下中东西南北新老龙凤马牛羊鸡松柏竹梅桃杨柳花石沙白黑青红黄金银双三五六七九高长清平安宝福永兴太和阿普者矣海湾水泉山岩坡坪甸营哨铺冲箐塘桥树果谷麦草云德仁宁'
const PLACE_B = '营哨铺冲箐塘桥坝甸村庄湾坡坪山沟场街邑堡屯寨嘴田地林园窝凹溪井门头口关寺庙房'
const CLAN = '张王李杨赵何马普周罗段施陈刘黄苏董钱'
const CLAN_SUFFIX = '营村庄湾冲箐坝塘'
const GOOD = '安宁德平丰永保华云龙昌庆兴定阳源福泰祥和顺富盛嘉景明川江峨禄弥陆罗宗良建'

export class NameBook {
  private used = new Map<string, Set<string>>()
  constructor(private readonly rng: Rng) {}

  /** Draw from `make` until the result is unused in `space` (with a numeric fallback). */
  unique(space: string, make: () => string): string {
    let set = this.used.get(space)
    if (!set) {
      set = new Set()
      this.used.set(space, set)
    }
    for (let i = 0; i < 60; i++) {
      const n = make()
      if (!set.has(n)) {
        set.add(n)
        return n
      }
    }
    const base = make()
    let k = 2
    while (set.has(`${base}${k}`)) k++
    set.add(`${base}${k}`)
    return `${base}${k}`
  }

  reserve(space: string, name: string) {
    let set = this.used.get(space)
    if (!set) {
      set = new Set()
      this.used.set(space, set)
    }
    set.add(name)
  }

  private ch(pool: string) {
    return pool[Math.floor(this.rng.next() * pool.length)]
  }

  person(): string {
    const r = this.rng
    // Frequency-ish: favour the front of the surname list.
    const s = SURNAMES[Math.floor(SURNAMES.length * r.next() ** 1.6)]
    return r.chance(0.3) ? s + this.ch(GIVEN) : s + this.ch(GIVEN) + this.ch(GIVEN)
  }

  /** A two- or three-character place stem such as 板桥, 杨家营, 小石坝. */
  placeStem(): string {
    const r = this.rng.next()
    if (r < 0.25) return `${this.ch(CLAN)}家${this.ch(CLAN_SUFFIX)}`
    if (r < 0.55) return this.ch(PLACE_A) + this.ch(PLACE_B)
    if (r < 0.8) return this.ch(PLACE_A) + this.ch(PLACE_A) + this.ch(PLACE_B)
    return this.ch(PLACE_A) + this.ch(PLACE_A)
  }

  /** A two-character "auspicious" name as county and township names often are (永定, 安丰). */
  goodStem(): string {
    return this.ch(GOOD) + this.ch(GOOD)
  }

  countyName(kind: '区' | '县' | '市' | '自治县', space: string): string {
    return this.unique(space, () => {
      const stem = this.goodStem()
      if (kind === '自治县')
        return `${stem}${this.rng.pick(['彝族', '哈尼族', '傣族', '苗族', '白族'])}自治县`
      return stem + kind
    })
  }

  townshipName(kind: '街道' | '镇' | '乡', space: string): string {
    return this.unique(
      space,
      () => (this.rng.chance(0.6) ? this.goodStem() : this.placeStem()).slice(0, 3) + kind,
    )
  }

  villageName(kind: '村' | '社区', space: string): string {
    return this.unique(space, () => {
      const stem = kind === '社区' && this.rng.chance(0.5) ? this.goodStem() : this.placeStem()
      // 杨家村 is already a village name: no 杨家村村
      return kind === '村' && stem.endsWith('村') ? stem : stem + kind
    })
  }

  riverName(space: string, canal = false): string {
    return this.unique(space, () => {
      const stem = this.rng.chance(0.5) ? this.ch(PLACE_A) + this.ch(PLACE_B) : this.placeStem()
      if (canal) return stem + this.rng.pick(['渠', '大沟', '干渠'])
      return stem + this.rng.weighted(['河', '沟', '箐', '冲河', '小河'], [6, 2, 1, 1, 1])
    })
  }

  reservoirName(space: string): string {
    return this.unique(space, () => `${this.placeStem()}水库`)
  }

  pondName(space: string): string {
    return this.unique(space, () => `${this.placeStem()}${this.rng.pick(['坝塘', '水塘', '龙潭'])}`)
  }

  companyName(space: string): string {
    return this.unique(space, () => {
      const kind = this.rng.pick([
        '化工有限公司',
        '食品有限公司',
        '纸业有限公司',
        '酒业有限公司',
        '建材有限公司',
        '养殖场',
        '磷化工有限公司',
        '乳业有限公司',
      ])
      return this.goodStem() + kind
    })
  }
}

/** 一, 二, … for group and section names. */
export function chineseNumber(n: number): string {
  const d = '零一二三四五六七八九'
  if (n < 10) return d[n]
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`
  return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`
}

/** Short form used inside reach names: 呈贡区 → 呈贡, but 东川区 keeps two characters anyway. */
export function shortName(name: string): string {
  const m = name.match(
    /^(.{2,}?)(彝族苗族自治县|回族彝族自治县|彝族自治县|.{1,4}族自治县|自治县|.{1,6}族自治州|街道|区|县|市|州|镇|乡)$/,
  )
  return m ? m[1] : name
}
