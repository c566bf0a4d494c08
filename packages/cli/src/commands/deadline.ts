import {
  chinaCalendar,
  computeDeadline,
  formatSource,
  isoWeekday,
  type PeriodUnit,
  parseCivilDate,
  type RuleSource,
  type SanxiangError,
  type SkippedDay,
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
  readonly title?: string;
}

function render(lang: Lang, o: Outcome): string {
  const [zhUnit, enUnit] = UNIT_NAMES[o.unit];
  let s = "";
  if (o.title !== undefined) s += `${o.title}\n`;
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
  if (o.provisional) {
    s += t(
      lang,
      "注意：计算涉及年末日期，而下一年度节假日安排尚未载入，结果可能随其公布而变化。\n",
      "Note: late-December days were counted before next year's holiday notice is loaded; the result may change.\n",
    );
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
 */
export async function deadlineCommand(ctx: CommandContext): Promise<number> {
  const { lang, options } = ctx;
  const [startArg, amountArg, ...extra] = ctx.args;
  if (startArg === undefined) throw new UsageError(t(lang, "缺少起算日", "missing start date"));
  const start = parseCivilDate(startArg);
  if (start.isErr()) return fail(ctx, start.error);
  const calendar = chinaCalendar();

  if (typeof options.rule === "string") {
    if (amountArg !== undefined) throw new UsageError(t(lang, "--rule 不与期间同用", "--rule takes no amount"));
    const r = computeDeadline(options.rule, start.value, calendar);
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
      }),
    );
    return EXIT.ok;
  }

  if (amountArg === undefined) throw new UsageError(t(lang, "缺少期间长度", "missing period length"));
  if (extra.length > 0)
    throw new UsageError(t(lang, `多余的参数：${extra.join(" ")}`, `extra arguments: ${extra.join(" ")}`));
  if (!/^\d{1,5}$/.test(amountArg)) {
    throw new UsageError(t(lang, `期间应为非负整数：${amountArg}`, `the period must be a whole number: ${amountArg}`));
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
    }),
  );
  return EXIT.ok;
}
