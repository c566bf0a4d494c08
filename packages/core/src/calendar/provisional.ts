// 暂定期限的边界 — what a year whose holiday notice is not out can plausibly look like, so
// that a provisional deadline is a bound, never a guess (issue: a deadline counted on
// weekends alone refused a hearing request that was in time).
//
// For a missing year Y we build two fill-ins of the notice that is not out:
// - `latest`: every day that could be a day off is one (the festival's own days, and every
//   day of the widest break and 补假 the State Council has arranged around it), no weekend is
//   worked. Its working days are a subset of the real ones, so any period counted on it ends
//   no earlier than the real one.
// - `earliest`: only the days the 办法 itself fixes are off, and every weekend day near a
//   festival that a notice could make a 调休上班日 is worked. Its working days are a superset
//   of the real ones, so any period counted on it ends no later than the real one.
// The windows are rule data with their source; festivals.test.ts checks that every loaded
// notice (2019–2026) lies inside them, and the property test in deadline-bounds.test.ts
// that a bound computed with a loaded year treated as missing brackets the real deadline.

import { daysFromCivil } from "../kernel/day-number.js";
import type { RuleSource } from "../kernel/rule-source.js";
import { fromDayNumber } from "../kernel/time.js";
import { FESTIVAL_DATES } from "./data/festivals.js";
import type { NoticeYear, RegionalHolidays, RegionalNoticeYear } from "./types.js";

/**
 * 暂定边界 — which end of the plausible range a provisional deadline takes: `latest` (the
 * latest plausible last day, for periods that protect the party: a request is refused only
 * after it) or `earliest` (the earliest plausible last day, for the authority's own duties:
 * the bureau is warned in time whatever the notice says).
 */
export type ProvisionalBound = "latest" | "earliest";

/** One festival's window around its day, in days before and after, with the rule behind it. */
export interface FestivalWindow {
  /** The festival, in Chinese. */
  readonly name: string;
  /** Days before the festival's day that a break (`latest`) may start. */
  readonly offBefore: number;
  /** Days after the festival's day that a break (`latest`) may end. */
  readonly offAfter: number;
  /** Days either side in which a weekend may be made a 调休上班日 (`earliest`). */
  readonly makeUp: number;
  /** Why these widths. */
  readonly note: string;
  /** The rule that lets the break and 调休 reach so far. */
  readonly source: RuleSource;
}

const MEASURES: RuleSource = { law: "全国年节及纪念日放假办法", article: 2, confidence: "C-law" };
const BRIDGING: RuleSource = { law: "全国年节及纪念日放假办法", article: 7, confidence: "C-law" };
const MAKEUP_DAY: RuleSource = { law: "全国年节及纪念日放假办法", article: 6, confidence: "C-law" };
const MINORITY: RuleSource = { law: "全国年节及纪念日放假办法", article: 4, confidence: "C-law" };

/**
 * 暂定窗口 — how far a break (for the `latest` bound) and its make-up working days (for the
 * `earliest` bound) can reach around each festival, in days. Widths are the widest of the
 * State Council notices 2019–2026 plus a margin (e.g. 春节 2020 ran to 初九 after the
 * extension by 国办发明电〔2020〕1号; 2026's make-up Saturday was 十二 days after 初一).
 */
// biome-ignore format: one row per festival reads as the table it is
export const FESTIVAL_WINDOWS = {
  newYear: { name: "元旦", offBefore: 2, offAfter: 2, makeUp: 7, note: "1月1日；假期至多3天且含1月1日（2019年自上年12月30日起，2026年至1月3日），2026年1月4日调休上班", source: BRIDGING },
  springFestival: { name: "春节", offBefore: 3, offAfter: 9, makeUp: 14, note: "正月初一；2020年延长至初九，2026年调休上班日为初十二", source: BRIDGING },
  qingming: { name: "清明节", offBefore: 3, offAfter: 3, makeUp: 10, note: "清明当日；连休3天，调休上班在前后一周内", source: BRIDGING },
  labourDay: { name: "劳动节", offBefore: 3, offAfter: 5, makeUp: 13, note: "5月1日；2023年4月29日起放假，调休上班在4月23日至5月11日之间", source: BRIDGING },
  dragonBoat: { name: "端午节", offBefore: 3, offAfter: 3, makeUp: 10, note: "五月初五；连休3天", source: BRIDGING },
  midAutumn: { name: "中秋节", offBefore: 3, offAfter: 7, makeUp: 13, note: "八月十五；近国庆时并入国庆假期（2020、2023、2025年）", source: BRIDGING },
  nationalDay: { name: "国庆节", offBefore: 3, offAfter: 7, makeUp: 13, note: "10月1日；2023年9月29日起放假，调休上班在9月18日至10月14日之间", source: BRIDGING },
} as const satisfies Record<string, FestivalWindow>;

/**
 * 少数民族节日窗口 — for a region's festivals by the Islamic calendar (开斋节: 1 Shawwal; 古尔邦节:
 * 10 Dhu al-Hijjah), counted from the arithmetic (tabular) Islamic calendar, which can differ
 * from the date the region announces by a day or two: the window covers that and the days
 * off the region has added around it (2019–2022: two days, from the eve to the day after).
 */
// biome-ignore format: one row per festival reads as the table it is
export const ISLAMIC_WINDOWS = {
  eidAlFitr: { name: "开斋节", offBefore: 4, offAfter: 5, makeUp: 10, note: "伊斯兰历十月一日（算术历法，与实际宣布日期可差一两天）", source: MINORITY },
  eidAlAdha: { name: "古尔邦节", offBefore: 4, offAfter: 5, makeUp: 10, note: "伊斯兰历十二月十日（算术历法，与实际宣布日期可差一两天）", source: MINORITY },
} as const satisfies Record<string, FestivalWindow>;

/**
 * 法定假日（按施行版本）— the days 全国年节及纪念日放假办法 Art. 2 fixes as days off: the
 * `earliest` bound takes only these (a notice can move a weekend, never a statutory day).
 * Before 2025 the 2013 text applies (劳动节 1 day, 春节 初一–初三); the 2024 revision
 * (国务院令第795号, in force 1 January 2025) adds 5月2日 and 农历除夕.
 */
// biome-ignore format: one row per version reads as the table it is
export const STATUTORY_DAYS_OFF = [
  // Art. 2 of the 2013 revision (国务院令第644号): the shipped text is the 2024 revision, whose
  // Art. 2 is the same article as amended, so the citation resolves to the article, not the version.
  { from: 2014, to: 2024, springFestivalEve: false, labourDays: 1, source: { law: "全国年节及纪念日放假办法", article: 2, confidence: "C" } },
  { from: 2025, to: 9999, springFestivalEve: true, labourDays: 2, source: MEASURES },
] as const satisfies readonly {
  readonly from: number;
  readonly to: number;
  readonly springFestivalEve: boolean;
  readonly labourDays: number;
  readonly source: RuleSource;
}[];

/** The rule of 补假 (a statutory day on a weekend is given back on a working day), cited by the bounds. */
export const MAKEUP_DAY_SOURCE: RuleSource = MAKEUP_DAY;

/** The years the festival table covers; a later missing year stays unknown. */
export const PROVISIONAL_YEARS = { from: 2019, to: 2100 } as const;

function festivalDays(year: number): { day: number; w: FestivalWindow }[] | undefined {
  const f = FESTIVAL_DATES[String(year)];
  if (f === undefined) return undefined;
  const n = (d: string) => daysFromCivil(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)));
  return [
    { day: daysFromCivil(year, 1, 1), w: FESTIVAL_WINDOWS.newYear },
    { day: n(f.springFestival), w: FESTIVAL_WINDOWS.springFestival },
    { day: n(f.qingming), w: FESTIVAL_WINDOWS.qingming },
    { day: daysFromCivil(year, 5, 1), w: FESTIVAL_WINDOWS.labourDay },
    { day: n(f.dragonBoat), w: FESTIVAL_WINDOWS.dragonBoat },
    { day: n(f.midAutumn), w: FESTIVAL_WINDOWS.midAutumn },
    { day: daysFromCivil(year, 10, 1), w: FESTIVAL_WINDOWS.nationalDay },
  ];
}

function isWeekend(n: number): boolean {
  const wd = ((((n + 3) % 7) + 7) % 7) + 1;
  return wd >= 6;
}

/** The statutory days off of a year by festival (办法 Art. 2 in the version in force), as day-number ranges. */
function statutoryBreaks(year: number): { name: string; from: number; to: number }[] | undefined {
  const f = FESTIVAL_DATES[String(year)];
  const version = STATUTORY_DAYS_OFF.find((v) => year >= v.from && year <= v.to);
  if (f === undefined || version === undefined) return undefined;
  const n = (d: string) => daysFromCivil(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10)));
  const spring = n(f.springFestival);
  const one = (name: string, day: number) => ({ name, from: day, to: day });
  return [
    one(FESTIVAL_WINDOWS.newYear.name, daysFromCivil(year, 1, 1)),
    {
      name: FESTIVAL_WINDOWS.springFestival.name,
      from: version.springFestivalEve ? spring - 1 : spring,
      to: spring + 2,
    },
    one(FESTIVAL_WINDOWS.qingming.name, n(f.qingming)),
    {
      name: FESTIVAL_WINDOWS.labourDay.name,
      from: daysFromCivil(year, 5, 1),
      to: daysFromCivil(year, 5, version.labourDays),
    },
    one(FESTIVAL_WINDOWS.dragonBoat.name, n(f.dragonBoat)),
    one(FESTIVAL_WINDOWS.midAutumn.name, n(f.midAutumn)),
    { name: FESTIVAL_WINDOWS.nationalDay.name, from: daysFromCivil(year, 10, 1), to: daysFromCivil(year, 10, 3) },
  ];
}

/** The statutory days off of a year (办法 Art. 2 in the version in force), as day numbers. */
export function statutoryDaysOff(year: number): number[] | undefined {
  const breaks = statutoryBreaks(year);
  if (breaks === undefined) return undefined;
  const days = breaks.flatMap((b) => Array.from({ length: b.to - b.from + 1 }, (_, i) => b.from + i));
  return [...new Set(days)].sort((a, b) => a - b);
}

function noticeOf(year: number, bound: ProvisionalBound, what: string): NoticeYear["notice"] {
  return {
    title: `暂定（${bound === "latest" ? "最晚" : "最早"}边界）：${year}年${what}尚未加载，按全国年节及纪念日放假办法推定`,
  };
}

/**
 * 暂定年度安排 — the fill-in of year `year`'s State Council notice for one bound (see the
 * file comment): `latest` lists every plausible day off and no make-up day; `earliest` lists
 * the statutory days off (Art. 2) and, as working days, every weekend in a make-up window.
 * Days may reach into late December of the year before (as the 2019 notice did). Undefined
 * for a year beyond the festival table ({@link PROVISIONAL_YEARS}).
 */
export function provisionalNoticeYear(year: number, bound: ProvisionalBound): NoticeYear | undefined {
  const festivals = festivalDays(year);
  const statutory = statutoryBreaks(year);
  if (festivals === undefined || statutory === undefined) return undefined;
  const lo = daysFromCivil(year - 1, 12, 1);
  const hi = daysFromCivil(year, 12, 31);
  const off = new Set<number>();
  const work = new Set<number>();
  // Named ranges, so that an explanation says which festival a skipped day belongs to.
  const breaks: { name: string; from: number; to: number }[] = [];
  if (bound === "latest") {
    for (const { day, w } of festivals) {
      const from = Math.max(day - w.offBefore, lo);
      const to = Math.min(day + w.offAfter, hi);
      for (let n = from; n <= to; n++) off.add(n);
      if (from <= to) breaks.push({ name: `${w.name}（暂定）`, from, to });
    }
  } else {
    for (const b of statutory) {
      for (let n = b.from; n <= b.to; n++) off.add(n);
      breaks.push({ name: `${b.name}（法定）`, from: b.from, to: b.to });
    }
    for (const { day, w } of festivals) {
      for (let n = day - w.makeUp; n <= day + w.makeUp; n++) {
        if (n >= lo && n <= hi && isWeekend(n) && !off.has(n)) work.add(n);
      }
    }
  }
  return {
    holidays: [...off].sort((a, b) => a - b).map(fromDayNumber),
    workdays: [...work].sort((a, b) => a - b).map(fromDayNumber),
    notice: noticeOf(year, bound, "国务院办公厅部分节假日安排的通知"),
    breaks: breaks.map((b) => ({ name: b.name, from: fromDayNumber(b.from), to: fromDayNumber(b.to) })),
  };
}

// The arithmetic Islamic calendar (civil epoch, 16 July 622 Julian): day number of a date.
const ISLAMIC_EPOCH = daysFromCivil(622, 7, 19) - 1; // 1 Muharram 1 AH = 19 July 622 proleptic Gregorian

/** Day number (days since 1970-01-01) of an arithmetic Islamic date. */
export function islamicToDay(year: number, month: number, day: number): number {
  return day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + ISLAMIC_EPOCH;
}

/** The Islamic festivals falling in Gregorian year `year`, as day numbers with their window. */
function islamicFestivals(year: number): { day: number; w: FestivalWindow }[] {
  const out: { day: number; w: FestivalWindow }[] = [];
  const lo = daysFromCivil(year, 1, 1);
  const hi = daysFromCivil(year, 12, 31);
  // Gregorian year Y overlaps Islamic years ≈ (Y − 622) × 33/32 and the next.
  const h0 = Math.floor(((year - 622) * 33) / 32) - 1;
  for (let h = h0; h <= h0 + 3; h++) {
    const fitr = islamicToDay(h, 10, 1);
    const adha = islamicToDay(h, 12, 10);
    if (fitr >= lo && fitr <= hi) out.push({ day: fitr, w: ISLAMIC_WINDOWS.eidAlFitr });
    if (adha >= lo && adha <= hi) out.push({ day: adha, w: ISLAMIC_WINDOWS.eidAlAdha });
  }
  return out;
}

/**
 * 暂定地方安排 — the fill-in of a region's missing notice year for one bound: `latest` takes
 * every day of the windows around 开斋节 and 古尔邦节 as days off; `earliest` adds no day off
 * (the region fixes none by statute) and takes every weekend of those windows as worked.
 */
export function provisionalRegionalYear(
  year: number,
  bound: ProvisionalBound,
  layer: RegionalHolidays,
): RegionalNoticeYear {
  const daysOff: { date: string; name: string }[] = [];
  const workdays: { date: string; name: string }[] = [];
  const lo = daysFromCivil(year - 1, 12, 1);
  const hi = daysFromCivil(year, 12, 31);
  const seen = new Set<number>();
  for (const { day, w } of islamicFestivals(year)) {
    const before = bound === "latest" ? w.offBefore : w.makeUp;
    const after = bound === "latest" ? w.offAfter : w.makeUp;
    for (let n = day - before; n <= day + after; n++) {
      if (n < lo || n > hi || seen.has(n)) continue;
      if (bound === "latest") {
        seen.add(n);
        daysOff.push({ date: fromDayNumber(n), name: `${w.name}（暂定）` });
      } else if (isWeekend(n)) {
        seen.add(n);
        workdays.push({ date: fromDayNumber(n), name: `${w.name}（暂定）` });
      }
    }
  }
  daysOff.sort((a, b) => a.date.localeCompare(b.date));
  workdays.sort((a, b) => a.date.localeCompare(b.date));
  return { notice: noticeOf(year, bound, `${layer.issuer}部分节假日安排的通知`), daysOff, workdays };
}
