/**
 * Chinese numerals said as a quantity ("一百二十三" = 123, "两千零五" = 2005, "一百二" = 120,
 * "两万三" = 23000), not digit by digit. Strict on purpose: "万一" ("in case"), "千万" ("by all
 * means") or "一三八千" are not cardinals, so they do not turn chat into numbers.
 *
 * Why not the `nzh` package: it reads "两百" as 0, "一百二" as 102, "万一" as 10001 and "abc" as
 * 0, so it needed a grammar check in front of it anyway, and the check is most of this parser.
 */
export const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 洞: 0, 幺: 1, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

export function isChineseUnit(c: string): boolean {
  return c in SMALL_UNITS || c in BIG_UNITS;
}

/** The value of a cardinal with at least one unit, or undefined when it is not one. */
export function chineseCardinal(text: string): number | undefined {
  let total = 0;
  let section = 0; // below the last 万/亿
  let pending: number | undefined; // a digit waiting for its unit
  let lastSmall = Infinity; // units fall within a section: 千 then 百 then 十
  let lastUnit = 0; // for the colloquial tail: "一百二" is 120, "两万三" is 23000
  let zeroSeen = false; // "一百零二" is 102, not 120
  let sawUnit = false;
  let previous = '';
  for (const c of text) {
    if (c in CHINESE_DIGITS) {
      const d = CHINESE_DIGITS[c];
      if (pending !== undefined) return undefined; // "一三" is digit by digit, not a cardinal
      if (d === 0) {
        if (previous === '' || !(previous in SMALL_UNITS || previous in BIG_UNITS)) return undefined;
        zeroSeen = true;
      } else pending = d;
    } else if (c in SMALL_UNITS) {
      const unit = SMALL_UNITS[c];
      if (unit >= lastSmall) return undefined;
      if (pending === undefined && !(unit === 10 && (previous === '' || zeroSeen || previous in BIG_UNITS))) return undefined;
      section += (pending ?? 1) * unit;
      pending = undefined;
      lastSmall = unit;
      lastUnit = unit;
      zeroSeen = false;
      sawUnit = true;
    } else if (c in BIG_UNITS) {
      const unit = BIG_UNITS[c];
      section += pending ?? 0;
      if (section === 0 && total === 0) return undefined; // "万一", "千万" said alone
      if (unit === 100_000_000) total = (total + section) * unit;
      else if (total % 100_000_000 !== 0 || section === 0) return undefined;
      else total += section * unit;
      section = 0;
      pending = undefined;
      lastSmall = Infinity;
      lastUnit = unit;
      zeroSeen = false;
      sawUnit = true;
    } else return undefined;
    previous = c;
  }
  if (!sawUnit) return undefined;
  if (pending !== undefined) {
    const colloquial = !zeroSeen && previous !== '' && lastUnit >= 100 && text.length >= 3 && isChineseUnit(text[text.length - 2]);
    section += colloquial ? pending * (lastUnit / 10) : pending;
  }
  return total + section;
}
