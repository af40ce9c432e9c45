/** Seeded pseudo-random data: the same seed gives the same data set, row for row. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // sfc32 seeded through splitmix32
    const mix = () => {
      seed = (seed + 0x9e3779b9) | 0;
      let z = seed;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.u32();
  }

  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.u32() / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Picks a key by weight: `[['new', 35], ['contacted', 30]]`. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of table) total += w;
    let r = this.next() * total;
    for (const [v, w] of table) {
      if ((r -= w) < 0) return v;
    }
    return table[table.length - 1][0];
  }

  uuid(): string {
    const h = (n: number) => n.toString(16).padStart(8, '0');
    const x = h(this.u32());
    const y = h(this.u32());
    const z = h(this.u32());
    const w = h(this.u32());
    // version 4, variant 10xx
    return `${x}-${y.slice(0, 4)}-4${y.slice(5, 8)}-${((parseInt(z[0], 16) & 0x3) | 0x8).toString(16)}${z.slice(1, 4)}-${z.slice(4)}${w}`;
  }
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏建华红飞宇浩凯婷雪琳晨欣怡子涵梓轩一诺思远嘉怡雨桐俊杰志强海燕丹丹晓东文博天佑'.split('');
const FIRST = ['James', 'Mary', 'John', 'Linda', 'Robert', 'Emily', 'Michael', 'Sarah', 'David', 'Anna', 'Daniel', 'Grace', 'Kevin', 'Lucy', 'Peter', 'Olivia', 'Thomas', 'Sophie', 'Brian', 'Helen', 'Eric', 'Nancy', 'Jason', 'Amy'];
const LAST = ['Smith', 'Johnson', 'Brown', 'Taylor', 'Miller', 'Wilson', 'Moore', 'Clark', 'Walker', 'Hall', 'Young', 'King', 'Wright', 'Lopez', 'Hill', 'Green', 'Adams', 'Baker', 'Nelson', 'Carter', 'Mitchell', 'Turner', 'Parker', 'Evans', 'Collins', 'Chen', 'Wong', 'Lee'];
export const CITIES: readonly (readonly [string, string])[] = [
  ['上海', '上海'], ['北京', '北京'], ['广东', '深圳'], ['广东', '广州'], ['浙江', '杭州'], ['江苏', '南京'], ['江苏', '苏州'],
  ['四川', '成都'], ['湖北', '武汉'], ['陕西', '西安'], ['山东', '青岛'], ['福建', '厦门'], ['天津', '天津'], ['重庆', '重庆'],
];
/** Two-character brand names: the 2-character search scenario looks one of them up. */
export const BRANDS = '云启 华信 恒通 金桥 星辰 瑞丰 博远 鼎盛 天成 宏达 新元 嘉禾 汇智 中科 远航 盛世 优品 蓝海 东方 凯旋 安泰 泰和 永安 联创 启明 致远 飞扬 创新 海纳 百川 长城 万象 晨光 锐思 同舟 智联 明德 正泰 方圆 佳美'.split(' ');
const INDUSTRY_WORDS = ['信息科技', '网络技术', '电子商务', '医疗器械', '生物科技', '机械制造', '新能源', '物流', '餐饮管理', '教育咨询', '建筑工程', '文化传媒', '贸易', '软件', '环保科技', '汽车服务'];
const SUFFIXES = ['有限公司', '股份有限公司', '集团有限公司'];
const EN_WORDS = ['Blue', 'Bright', 'Cloud', 'Summit', 'Pacific', 'Nova', 'Vertex', 'Harbor', 'Silver', 'Golden', 'Apex', 'Orion', 'Maple', 'River', 'Stone', 'Crystal', 'Eagle', 'Pioneer', 'Quantum', 'Unity'];
const EN_KINDS = ['Technologies', 'Logistics', 'Trading', 'Systems', 'Solutions', 'Foods', 'Medical', 'Energy', 'Software', 'Partners'];
const EN_SUFFIXES = ['Ltd', 'Inc', 'Co., Ltd', 'Group', 'LLC'];
export const TITLES = ['销售经理', '采购经理', '总经理', '技术总监', 'IT经理', '市场总监', '财务经理', 'CEO', 'CTO', 'Purchasing Manager', 'Operations Director', '行政主管'];
const DOMAINS = ['example.cn', 'example.com', 'mail.example.net', 'corp.example.org'];

export interface Person {
  name: string;
  /** A latin handle for e-mail addresses. */
  handle: string;
  english: boolean;
}

export function person(r: Rng, englishShare = 0.3): Person {
  if (r.chance(englishShare)) {
    const f = r.pick(FIRST);
    const l = r.pick(LAST);
    return { name: `${f} ${l}`, handle: `${f}.${l}`.toLowerCase(), english: true };
  }
  const given = r.chance(0.6) ? r.pick(GIVEN) : r.pick(GIVEN) + r.pick(GIVEN);
  return { name: r.pick(SURNAMES) + given, handle: 'u', english: false };
}

export function company(r: Rng, englishShare = 0.25): string {
  if (r.chance(englishShare)) return `${r.pick(EN_WORDS)} ${r.pick(EN_WORDS)} ${r.pick(EN_KINDS)} ${r.pick(EN_SUFFIXES)}`;
  const [, city] = r.pick(CITIES);
  return `${city}${r.pick(BRANDS)}${r.pick(INDUSTRY_WORDS)}${r.pick(SUFFIXES)}`;
}

/**
 * The k-th phone number of the data set, E.164, unique for every k below 10^9: the 9-digit tail is
 * k times a number coprime to 10^9, modulo 10^9 (a permutation), so no two records share a phone.
 */
export function phone(k: number): string {
  const tail = (k * 48271 + 7919) % 1_000_000_000;
  const second = 3 + (k % 7);
  return `+861${second}${String(tail).padStart(9, '0')}`;
}

/** A unique address per `key` (give each entity type its own keys, e.g. `c12` for contacts). */
export function email(r: Rng, handle: string, key: string | number): string {
  return `${handle}${key}@${r.pick(DOMAINS)}`;
}
