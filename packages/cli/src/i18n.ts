/** Languages the CLI speaks: Chinese by default, English with `--lang en`. */
export type Lang = "zh" | "en";

const WEEKDAYS: Record<Lang, readonly string[]> = {
  zh: ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

/** Weekday name for an ISO weekday (1 = Monday … 7 = Sunday). */
export function weekdayName(lang: Lang, isoWeekday: number): string {
  return WEEKDAYS[lang][isoWeekday - 1] ?? "";
}

/** Picks the language from `--lang`, then `SANXIANG_LANG`, else Chinese. */
export function pickLang(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Lang | undefined {
  const v = (flag ?? env.SANXIANG_LANG ?? "zh").toLowerCase();
  if (v === "zh" || v.startsWith("zh-") || v === "cn") return "zh";
  if (v === "en" || v.startsWith("en-")) return "en";
  return undefined;
}

/** Picks the Chinese or English text. */
export function t(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? zh : en;
}
