import {
  type CitedNotice,
  chinaCalendar,
  createWorkCalendar,
  formatSource,
  isoWeekday,
  type PeriodUnit,
  type ProvisionalBound,
  parseCivilDate,
  provisionalDeadline,
  type RuleSource,
  type SanxiangError,
  type SkippedDay,
  type WorkCalendar,
} from "@sanxiang/core";
import { type Lang, t, weekdayName } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";

const UNIT_NAMES: Record<PeriodUnit, [string, string]> = {
  day: ["日", "days"],
  workday: ["个工作日", "working days"],
  month: ["个月", "months"],
  year: ["年", "years"],
};

function dated(lang: Lang, date: string): string {
  return `${date}（${weekdayName(lang, isoWeekday(date))}）`.replace(/（(.*)）/, lang === "zh" ? "（$1）" : " ($1)");
}

function skippedLine(lang: Lang, d: SkippedDay): string {
  const why =
    d.reason === "weekend"
      ? t(lang, "周末", "weekend")
      : `${t(lang, "节假日", "holiday")}${d.holiday === undefined ? "" : t(lang, `·${d.holiday}`, ` (${d.holiday})`)}`;
  return `  ${d.date} ${weekdayName(lang, isoWeekday(d.date))}  ${why}\n`;
}

interface Outcome {
  readonly start: string;
  readonly end: string;
  readonly amount: number;
  readonly unit: PeriodUnit;
  readonly rolledOverFrom?: string;
  readonly skipped: readonly SkippedDay[];
  readonly sources: readonly RuleSource[];
  readonly provisional: boolean;
  readonly bound?: ProvisionalBound;
  readonly notices: readonly CitedNotice[];
  readonly calendar: WorkCalendar;
  readonly title?: string;
}

function regionLine(lang: Lang, cal: WorkCalendar): string {
  const r = cal.region;
  if (r === undefined) return "";
  const layer = r.layer;
  if (layer === undefined) {
    return t(
      lang,
      `日历：行政区划 ${r.code}，无地方节假日数据，按全国安排\n`,
      `Calendar: region ${r.code}, no regional holiday data: the national arrangement\n`,
    );
  }
  const years = layer.years.length === 0 ? t(lang, "无", "none") : layer.years.join(t(lang, "、", ", "));
  return t(
    lang,
    `日历：${layer.name}（${r.code}）：国务院安排加${layer.issuer}通知（已载入：${years}）\n`,
    `Calendar: ${layer.name} (${r.code}): the State Council's arrangement plus the notices of ${layer.issuer} (loaded: ${years})\n`,
  );
}

function noticeName(n: CitedNotice): string {
  return n.doc === undefined ? n.title : `${n.title}（${n.doc}）`;
}

function render(lang: Lang, o: Outcome): string {
  const [zhUnit, enUnit] = UNIT_NAMES[o.unit];
  let s = "";
  if (o.title !== undefined) s += `${o.title}\n`;
  s += regionLine(lang, o.calendar);
  s += t(lang, `起算日：${dated(lang, o.start)}，当日不计入\n`, `Start:    ${dated(lang, o.start)}, not counted\n`);
  s += t(lang, `期间：${o.amount}${zhUnit}\n`, `Period:   ${o.amount} ${enUnit}\n`);
  s += t(lang, `届满日：${dated(lang, o.end)}\n`, `Due:      ${dated(lang, o.end)}\n`);
  if (o.rolledOverFrom !== undefined) {
    s += t(
      lang,
      `（名义届满日 ${o.rolledOverFrom} 不是工作日，顺延至其后第一个工作日）\n`,
      `(the nominal last day ${o.rolledOverFrom} is not a working day; the period ends on the next working day)\n`,
    );
  }
  if (o.skipped.length === 0) {
    s += t(lang, "跳过的非工作日：无\n", "Non-working days skipped: none\n");
  } else {
    s += t(lang, `跳过的非工作日（${o.skipped.length} 天）：\n`, `Non-working days skipped (${o.skipped.length}):\n`);
    for (const d of o.skipped) s += skippedLine(lang, d);
  }
  if (o.bound !== undefined) {
    s += t(
      lang,
      o.bound === "latest"
        ? "暂定：所涉年度的节假日安排尚未载入，此为最晚可能届满日（当事人的期间，期满前不得拒绝）；通知载入后重新计算。\n"
        : "暂定：所涉年度的节假日安排尚未载入，此为最早可能届满日（行政机关的办理期限）；通知载入后重新计算。\n",
      o.bound === "latest"
        ? "Provisional: a year's holiday notice is not loaded; this is the latest plausible last day (the party's period); recompute once the notice is loaded.\n"
        : "Provisional: a year's holiday notice is not loaded; this is the earliest plausible last day (the authority's duty); recompute once the notice is loaded.\n",
    );
  } else if (o.provisional) {
    s += t(
      lang,
      "注意：计算涉及年末日期，而下一年度节假日安排尚未载入，结果可能随其公布而变化。\n",
      "Note: late-December days were counted before next year's holiday notice is loaded; the result may change.\n",
    );
  }
  const regional = o.notices.filter((n) => n.region !== undefined);
  if (regional.length > 0) {
    s += t(lang, "地方通知：", "Regional notices: ") + regional.map(noticeName).join(t(lang, "；", "; ")) + "\n";
  }
  s += t(lang, "依据：", "Sources: ") + o.sources.map(formatSource).join(t(lang, "；", "; ")) + "\n";
  return s;
}

function fail(ctx: CommandContext, e: SanxiangError): number {
  ctx.io.err(formatError(ctx.lang, e));
  return EXIT.usage;
}

/**
 * `sanxiang deadline <start> <amount> [--workdays|--months|--years] [--no-rollover]` and
 * `sanxiang deadline <start> --rule <id>`: the end of a period and the days it skipped.
 * `--region <行政区划代码>` counts on the region's calendar (the national one plus its
 * regional layer); absent, the national calendar. With `--rule`, a deadline reaching a year
 * whose notice is not loaded is shown as its provisional bound.
 */
export async function deadlineCommand(ctx: CommandContext): Promise<number> {
  const { lang, options } = ctx;
  const [startArg, amountArg, ...extra] = ctx.args;
  if (startArg === undefined) throw new UsageError(t(lang, "缺少起算日", "missing start date"));
  const start = parseCivilDate(startArg);
  if (start.isErr()) return fail(ctx, start.error);
  let calendar: WorkCalendar = chinaCalendar();
  if (typeof options.region === "string") {
    // 全国年节及纪念日放假办法 Art. 4: the region's own festivals (e.g. 640502 沙坡头区, Ningxia).
    const regional = createWorkCalendar({ region: options.region });
    if (regional.isErr()) return fail(ctx, regional.error);
    calendar = regional.value;
  }

  if (typeof options.rule === "string") {
    if (amountArg !== undefined) throw new UsageError(t(lang, "--rule 不与期间同用", "--rule takes no amount"));
    const r = provisionalDeadline(options.rule, start.value, calendar);
    if (r.isErr()) return fail(ctx, r.error);
    const d = r.value;
    ctx.io.out(
      render(lang, {
        title: t(lang, `${d.name}（${d.ruleId}）`, `${d.ruleId} — ${d.name}`),
        start: d.start,
        end: d.due,
        amount: d.amount,
        unit: d.unit,
        ...(d.rolledOverFrom === undefined ? {} : { rolledOverFrom: d.rolledOverFrom }),
        skipped: d.skipped,
        sources: d.sources,
        provisional: d.provisional,
        ...(d.bound === undefined ? {} : { bound: d.bound }),
        notices: d.notices,
        calendar,
      }),
    );
    return EXIT.ok;
  }

  if (amountArg === undefined) throw new UsageError(t(lang, "缺少期间长度", "missing period length"));
  if (extra.length > 0)
    throw new UsageError(t(lang, `多余的参数：${extra.join(" ")}`, `extra arguments: ${extra.join(" ")}`));
  if (!/^\d{1,5}$/.test(amountArg)) {
    throw new UsageError(
      t(
        lang,
        `期间应为非负整数（0 至 99999）：${amountArg}`,
        `the period must be a whole number from 0 to 99999: ${amountArg}`,
      ),
    );
  }
  const units = (["workdays", "months", "years"] as const).filter((u) => options[u] === true);
  if (units.length > 1) throw new UsageError(t(lang, "--workdays、--months、--years 只能选一个", "pick one unit"));
  const unit: PeriodUnit =
    units[0] === "workdays" ? "workday" : units[0] === "months" ? "month" : units[0] === "years" ? "year" : "day";
  const r = calendar.explainPeriod(start.value, {
    amount: Number(amountArg),
    unit,
    rollOver: options["no-rollover"] !== true,
  });
  if (r.isErr()) return fail(ctx, r.error);
  const x = r.value;
  ctx.io.out(
    render(lang, {
      start: x.start,
      end: x.end,
      amount: x.spec.amount,
      unit: x.spec.unit,
      ...(x.rolledOverFrom === undefined ? {} : { rolledOverFrom: x.rolledOverFrom }),
      skipped: x.skipped,
      sources: x.sources,
      provisional: x.provisional,
      notices: x.notices,
      calendar,
    }),
  );
  return EXIT.ok;
}
