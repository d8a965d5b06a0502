// Kunming-specific knowledge for scale 1. Everything here is approximate and hand-drawn from
// general geography (no survey data): the shapes only need to look like Kunming, not be it.
import type { Position } from 'geojson'

export interface CountySpec {
  code: string // 2-digit county part of the division code, e.g. '14' for 530114
  name: string
  seed: Position // roughly the centre of the county's territory
  urban: boolean
  colour: 'red' | 'yellow' | 'green' // water-resource zone colour (urban districts over-draw)
  townships: string[]
}

// The 14 county-level divisions with their real codes; township lists are the real township
// names, but their boundaries are synthetic (Voronoi unions).
export const KM_COUNTIES: CountySpec[] = [
  {
    code: '02',
    name: '五华区',
    seed: [102.63, 25.2],
    urban: true,
    colour: 'red',
    townships:
      '华山街道 护国街道 大观街道 龙翔街道 丰宁街道 莲华街道 红云街道 黑林铺街道 普吉街道 西翥街道'.split(
        ' ',
      ),
  },
  {
    code: '03',
    name: '盘龙区',
    seed: [102.8, 25.25],
    urban: true,
    colour: 'red',
    townships:
      '拓东街道 鼓楼街道 东华街道 联盟街道 金辰街道 青云街道 龙泉街道 茨坝街道 松华街道 双龙街道 滇源街道 阿子营街道'.split(
        ' ',
      ),
  },
  {
    code: '11',
    name: '官渡区',
    seed: [102.85, 25.0],
    urban: true,
    colour: 'red',
    townships:
      '关上街道 太和街道 吴井街道 金马街道 小板桥街道 官渡街道 矣六街道 六甲街道 大板桥街道 阿拉街道'.split(
        ' ',
      ),
  },
  {
    code: '12',
    name: '西山区',
    seed: [102.58, 24.9],
    urban: true,
    colour: 'red',
    townships:
      '金碧街道 永昌街道 前卫街道 福海街道 棕树营街道 西苑街道 马街街道 碧鸡街道 海口街道 团结街道'.split(
        ' ',
      ),
  },
  {
    code: '13',
    name: '东川区',
    seed: [103.1, 26.15],
    urban: false,
    colour: 'green',
    townships: '铜都街道 碧谷街道 阿旺镇 汤丹镇 因民镇 乌龙镇 拖布卡镇 红土地镇 舍块乡'.split(' '),
  },
  {
    code: '14',
    name: '呈贡区',
    seed: [102.85, 24.86],
    urban: true,
    colour: 'red',
    townships:
      '龙城街道 乌龙街道 洛羊街道 斗南街道 吴家营街道 雨花街道 大渔街道 七甸街道 马金铺街道 洛龙街道'.split(
        ' ',
      ),
  },
  {
    code: '15',
    name: '晋宁区',
    seed: [102.62, 24.62],
    urban: false,
    colour: 'yellow',
    townships: '昆阳街道 宝峰街道 晋城街道 二街镇 上蒜镇 六街镇 双河彝族乡 夕阳彝族乡'.split(' '),
  },
  {
    code: '24',
    name: '富民县',
    seed: [102.5, 25.28],
    urban: false,
    colour: 'green',
    townships: '永定街道 大营街道 罗免镇 赤就镇 散旦镇 款庄镇 东村镇'.split(' '),
  },
  {
    code: '25',
    name: '宜良县',
    seed: [103.2, 24.95],
    urban: false,
    colour: 'yellow',
    townships:
      '匡远街道 南羊街道 汤池街道 北古城镇 狗街镇 竹山镇 马街镇 九乡彝族回族乡 耿家营彝族苗族乡'.split(' '),
  },
  {
    code: '26',
    name: '石林彝族自治县',
    seed: [103.38, 24.72],
    urban: false,
    colour: 'green',
    townships: '鹿阜街道 石林街道 板桥街道 长湖镇 西街口镇 圭山镇 大可乡'.split(' '),
  },
  {
    code: '27',
    name: '嵩明县',
    seed: [103.05, 25.3],
    urban: false,
    colour: 'yellow',
    townships: '嵩阳街道 杨桥街道 小街镇 杨林镇 牛栏江镇'.split(' '),
  },
  {
    code: '28',
    name: '禄劝彝族苗族自治县',
    seed: [102.55, 25.85],
    urban: false,
    colour: 'green',
    townships:
      '屏山街道 转龙镇 撒营盘镇 团街镇 中屏镇 九龙镇 茂山镇 云龙乡 汤郎乡 翠华镇 则黑乡 乌东德镇 皎平渡镇 雪山乡 马鹿塘乡 乌蒙乡'.split(
        ' ',
      ),
  },
  {
    code: '29',
    name: '寻甸回族彝族自治县',
    seed: [103.2, 25.55],
    urban: false,
    colour: 'green',
    townships:
      '仁德街道 塘子街道 金所街道 羊街镇 柯渡镇 倘甸镇 功山镇 河口镇 七星镇 先锋镇 鸡街镇 凤合镇 六哨乡 甸沙乡 金源乡 联合乡'.split(
        ' ',
      ),
  },
  {
    code: '81',
    name: '安宁市',
    seed: [102.4, 24.95],
    urban: false,
    colour: 'yellow',
    townships: '连然街道 金方街道 八街街道 县街街道 太平新城街道 温泉街道 草铺街道 青龙街道 禄脿街道'.split(
      ' ',
    ),
  },
]

export const KM_CENTRE: Position = [102.712, 25.04]

/** 滇池 at its normal level (~307 km² here; ~300 km² in reality). 草海 is the northern lobe. */
export const DIANCHI: Position[] = [
  [102.665, 25.03],
  [102.65, 25.018],
  [102.636, 24.998],
  [102.63, 24.975],
  [102.647, 24.958],
  [102.65, 24.935],
  [102.639, 24.905],
  [102.633, 24.875],
  [102.619, 24.845],
  [102.603, 24.81],
  [102.608, 24.782],
  [102.619, 24.745],
  [102.631, 24.712],
  [102.648, 24.688],
  [102.667, 24.674],
  [102.683, 24.68],
  [102.695, 24.705],
  [102.707, 24.74],
  [102.722, 24.78],
  [102.732, 24.815],
  [102.734, 24.85],
  [102.726, 24.885],
  [102.711, 24.918],
  [102.697, 24.942],
  [102.685, 24.958],
  [102.676, 24.966],
  [102.682, 24.99],
  [102.69, 25.012],
  [102.68, 25.028],
  [102.665, 25.03],
]

/** The 滇池 basin (~2,900 km² once clipped to the outline). Its west side follows the 西山 ridge
 * close to the lake and passes just west of the 海口 outlet, where 螳螂川 leaves the basin. */
export const DIANCHI_BASIN: Position[] = [
  [102.85, 25.43],
  [102.76, 25.41],
  [102.68, 25.31],
  [102.62, 25.19],
  [102.57, 25.08],
  [102.585, 24.98],
  [102.6, 24.9],
  [102.585, 24.84],
  [102.592, 24.812],
  [102.56, 24.75],
  [102.53, 24.66],
  [102.52, 24.57],
  [102.58, 24.5],
  [102.68, 24.49],
  [102.76, 24.52],
  [102.82, 24.6],
  [102.86, 24.7],
  [102.89, 24.8],
  [102.92, 24.88],
  [102.94, 24.97],
  [102.96, 25.07],
  [102.95, 25.2],
  [102.92, 25.33],
  [102.85, 25.43],
]

/** 阳宗海 (~31 km²). The prefecture outline runs across it (the south belongs to 玉溪澄江). */
export const YANGZONGHAI: Position[] = [
  [102.985, 24.985],
  [102.976, 24.965],
  [102.972, 24.935],
  [102.977, 24.905],
  [102.985, 24.88],
  [102.997, 24.865],
  [103.008, 24.872],
  [103.011, 24.9],
  [103.005, 24.93],
  [102.999, 24.96],
  [102.995, 24.982],
  [102.985, 24.985],
]

export const YANGZONGHAI_BASIN: Position[] = [
  [102.97, 25.07],
  [102.955, 24.99],
  [102.95, 24.9],
  [102.965, 24.82],
  [103.03, 24.8],
  [103.075, 24.87],
  [103.08, 24.97],
  [103.05, 25.05],
  [102.97, 25.07],
]

/** 螳螂川 leaves 滇池 at 海口 and runs north via 安宁 and 富民 (as 普渡河) to the 金沙江. */
export const TANGLANG: Position[] = [
  [102.603, 24.81],
  [102.55, 24.83],
  [102.5, 24.87],
  [102.47, 24.93],
  [102.465, 25.03],
  [102.49, 25.15],
  [102.52, 25.25],
  [102.56, 25.37],
  [102.62, 25.52],
  [102.67, 25.7],
  [102.71, 25.88],
  [102.74, 26.02],
  [102.72, 26.14],
  [102.67, 26.25],
]

/** Courses of the two largest 滇池 inflows: 盘龙江 from 阿子营 through 松华坝 and the city
 * centre, 宝象河 from the east through 大板桥. */
export const DIANCHI_GUIDES: { name: string; line: Position[] }[] = [
  {
    name: '盘龙江',
    line: [
      [102.86, 25.38],
      [102.84, 25.3],
      [102.8, 25.2],
      [102.8, 25.14],
      [102.77, 25.09],
      [102.735, 25.05],
      [102.72, 25.01],
      [102.705, 24.965],
      [102.697, 24.942],
    ],
  },
  {
    name: '宝象河',
    line: [
      [102.95, 25.03],
      [102.93, 25.0],
      [102.88, 24.97],
      [102.82, 24.95],
      [102.77, 24.92],
      [102.74, 24.9],
      [102.722, 24.893],
    ],
  },
]

export interface MouthSpec {
  name: string
  at: Position
  /** Head start in km for the catchment competition: large rivers reach far inland. */
  bonusKm: number
  tributaries?: { name: string; near: Position }[]
}

// The real inflows of 滇池, clockwise from 草海. Mouth positions are approximate.
export const DIANCHI_MOUTHS: MouthSpec[] = [
  { name: '老运粮河', at: [102.634, 24.99], bonusKm: 0.5 },
  { name: '新运粮河', at: [102.648, 25.016], bonusKm: 1.5 },
  { name: '乌龙河', at: [102.662, 25.03], bonusKm: 0.5 },
  { name: '大观河', at: [102.677, 25.029], bonusKm: 0.5 },
  { name: '西坝河', at: [102.688, 25.005], bonusKm: 1.5 },
  { name: '船房河', at: [102.683, 24.96], bonusKm: 2 },
  { name: '采莲河', at: [102.69, 24.952], bonusKm: 2.5 },
  {
    name: '盘龙江',
    at: [102.697, 24.942],
    bonusKm: 0,
    tributaries: [
      { name: '牧羊河', near: [102.86, 25.33] },
      { name: '冷水河', near: [102.76, 25.3] },
      { name: '金汁河', near: [102.76, 25.1] },
    ],
  },
  {
    name: '大清河',
    at: [102.704, 24.93],
    bonusKm: 2.5,
    tributaries: [
      { name: '枧槽河', near: [102.74, 25.03] },
      { name: '明通河', near: [102.72, 24.98] },
    ],
  },
  { name: '海河', at: [102.711, 24.918], bonusKm: 1.5 },
  { name: '广普大沟', at: [102.716, 24.905], bonusKm: 2.5 },
  {
    name: '宝象河',
    at: [102.722, 24.893],
    bonusKm: 0,
    tributaries: [{ name: '老宝象河', near: [102.8, 24.95] }],
  },
  { name: '小清河', at: [102.728, 24.875], bonusKm: 2 },
  { name: '马料河', at: [102.731, 24.862], bonusKm: 2 },
  { name: '洛龙河', at: [102.734, 24.845], bonusKm: 2.5 },
  { name: '捞鱼河', at: [102.733, 24.825], bonusKm: 2.5 },
  { name: '梁王河', at: [102.728, 24.8], bonusKm: 1.5 },
  { name: '南冲河', at: [102.718, 24.768], bonusKm: 1 },
  { name: '淤泥河', at: [102.71, 24.745], bonusKm: 1 },
  { name: '大河', at: [102.699, 24.715], bonusKm: 2 },
  { name: '柴河', at: [102.688, 24.69], bonusKm: 2 },
  { name: '东大河', at: [102.655, 24.682], bonusKm: 1.5 },
  { name: '中河', at: [102.632, 24.712], bonusKm: 1 },
  { name: '古城河', at: [102.62, 24.742], bonusKm: 1 },
]

export const YANGZONGHAI_RIVERS = ['阳宗大河', '七星河', '鲁溪冲河', '清水河', '汤池渠']

/** Real names given to the generated river passing nearest to a point (outside 滇池). */
export const KM_RIVER_HINTS: { name: string; near: Position; basin: string }[] = [
  { name: '鸣矣河', near: [102.5, 24.78], basin: '金沙江' },
  { name: '掌鸠河', near: [102.52, 25.75], basin: '金沙江' },
  { name: '小江', near: [103.12, 26.05], basin: '金沙江' },
  { name: '牛栏江', near: [103.3, 25.62], basin: '金沙江' },
  { name: '巴江', near: [103.2, 24.85], basin: '南盘江' },
]

export interface ReservoirSpec {
  name: string
  near: Position
  river?: string
  areaKm2: number
  levelM: number
  management: 'city' | 'county' | 'township'
  source?: { quasi: boolean }
}

export const KM_RESERVOIRS: ReservoirSpec[] = [
  {
    name: '松华坝水库',
    near: [102.8, 25.14],
    river: '盘龙江',
    areaKm2: 4.5,
    levelM: 1965.7,
    management: 'city',
    source: { quasi: true },
  },
  {
    name: '宝象河水库',
    near: [102.92, 25.0],
    river: '宝象河',
    areaKm2: 1.2,
    levelM: 1996.5,
    management: 'city',
    source: { quasi: false },
  },
  {
    name: '柴河水库',
    near: [102.63, 24.6],
    river: '柴河',
    areaKm2: 1.5,
    levelM: 2004.0,
    management: 'city',
    source: { quasi: false },
  },
  {
    name: '大河水库',
    near: [102.7, 24.6],
    river: '大河',
    areaKm2: 1.0,
    levelM: 1990.5,
    management: 'county',
  },
  {
    name: '自卫村水库',
    near: [102.6, 25.1],
    areaKm2: 0.6,
    levelM: 2013.0,
    management: 'county',
    source: { quasi: false },
  },
  {
    name: '云龙水库',
    near: [102.47, 25.88],
    areaKm2: 6.5,
    levelM: 2089.5,
    management: 'city',
    source: { quasi: true },
  },
  {
    name: '清水海',
    near: [103.02, 25.6],
    areaKm2: 5.0,
    levelM: 2177.0,
    management: 'city',
    source: { quasi: true },
  },
  { name: '果林水库', near: [103.0, 25.33], areaKm2: 1.5, levelM: 2010.0, management: 'county' },
  {
    name: '柴石滩水库',
    near: [103.25, 25.0],
    river: '南盘江',
    areaKm2: 4.0,
    levelM: 1654.0,
    management: 'city',
  },
  { name: '红坡水库', near: [103.12, 24.78], areaKm2: 0.8, levelM: 1720.0, management: 'county' },
]

/** Hot springs: the groundwater hot-water zones sit around them. */
export const KM_HOT_SPRINGS: { name: string; at: Position }[] = [
  { name: '安宁温泉', at: [102.44, 24.98] },
  { name: '宜良汤池', at: [103.03, 24.97] },
]

export interface ParkSpec {
  /** Our own code (parks have no statistical division code). */
  code: string
  name: string
  committee: string
  /** 2-digit codes of the counties whose townships the park administers (托管). */
  counties: string[]
  /** Rough real extent, one ring per part: the park takes the host counties' townships whose
   * seat lies inside, or else the one nearest to the first ring's centre. */
  outline: Position[][]
}

const box = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
]

// The five parks of Kunming the seed means by 开发(度假)园区, where they roughly are: 滇池度假区 on
// the north-east shore of 滇池 (海埂), 高新区 north-west of the centre and at 马金铺, 经开区
// south-east of the centre (阿拉, 洛羊), 阳宗海 around the lake (七甸, 汤池), 空港 around 长水机场.
export const KM_PARKS: ParkSpec[] = [
  {
    code: 'KM-YQ-01',
    name: '滇池旅游度假区',
    committee: '昆明滇池国家旅游度假区管理委员会',
    counties: ['12', '11'],
    outline: [box(102.64, 24.9, 102.73, 24.99)],
  },
  {
    code: 'KM-YQ-02',
    name: '昆明高新技术产业开发区',
    committee: '昆明高新技术产业开发区管理委员会',
    counties: ['02', '14'],
    outline: [box(102.62, 25.05, 102.7, 25.12), box(102.76, 24.74, 102.84, 24.82)],
  },
  {
    code: 'KM-YQ-03',
    name: '昆明经济技术开发区',
    committee: '昆明经济技术开发区管理委员会',
    counties: ['11', '14'],
    outline: [box(102.76, 24.93, 102.87, 25.02)],
  },
  {
    code: 'KM-YQ-04',
    name: '阳宗海风景名胜区',
    committee: '阳宗海风景名胜区管理委员会',
    counties: ['25', '14'],
    outline: [box(102.9, 24.84, 103.08, 25.03)],
  },
  {
    code: 'KM-YQ-05',
    name: '空港经济区',
    committee: '昆明空港经济区管理委员会',
    counties: ['11'],
    outline: [box(102.88, 25.05, 102.99, 25.16)],
  },
]
