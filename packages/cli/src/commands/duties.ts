import {
  chinaCalendar,
  civilDateOf,
  type DisclosureObligation,
  disclosureObligations,
  formatSource,
  resolveDisclosurePolicy,
} from "@sanxiang/core";
import { storeSpecOf, withStore } from "../event-store.js";
import { type Lang, t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import { dateOption } from "./options.js";

/** 义务 — the name of a disclosure duty, in the output language. */
export function dutyName(lang: Lang, duty: DisclosureObligation["duty"]): string {
  switch (duty) {
    case "publish":
      return t(lang, "应公示", "publish");
    case "withdraw":
      return t(lang, "应撤回", "withdraw");
    case "forward":
      // 跨省推送 (市场监督管理行政处罚信息公示规定 Art. 10).
      return t(lang, "应推送", "forward");
  }
}

/** One duty as a line: what, which disclosure or case, the due day, how late, the rule. */
export function dutyLine(lang: Lang, o: DisclosureObligation): string {
  const subject = o.disclosureId ?? o.caseId ?? "";
  const late = o.overdue ? t(lang, `，已逾期 ${o.daysOverdue} 日`, `, ${o.daysOverdue} days overdue`) : "";
  const provisional = o.provisional
    ? t(lang, "（暂定：该年放假安排未公布）", " (provisional: holidays not announced)")
    : "";
  return t(
    lang,
    `${dutyName(lang, o.duty)} ${subject}：届满日 ${o.due}${late}${provisional}（${formatSource(o.source)}）`,
    `${dutyName(lang, o.duty)} ${subject}: due ${o.due}${late}${provisional} (${formatSource(o.source)})`,
  );
}

/**
 * `sanxiang duties [--store …] [--date D] [--sector S] [--json] [--fail-overdue]` — 公示义务:
 * every open disclosure duty the store's projections show (decisions to publish, published
 * decisions to withdraw), oldest due first, overdue ones flagged, each with its rule. Overdue
 * is judged on `--date` (default today, China time). `--sector samr` applies a sector's rules
 * (e.g. 市场监督管理行政处罚信息公示规定). With `--fail-overdue` the exit code is 1 when any duty
 * is overdue — for a monitoring job.
 */
export async function dutiesCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  if (ctx.args.length > 0) {
    throw new UsageError(t(lang, `多余的参数：${ctx.args.join(" ")}`, `extra arguments: ${ctx.args.join(" ")}`));
  }
  const date = dateOption(ctx, "date");
  if (date.isErr()) {
    io.err(formatError(lang, date.error));
    return EXIT.usage;
  }
  const today = date.value ?? civilDateOf(io.clock.now());
  const sector = typeof ctx.options.sector === "string" ? ctx.options.sector : undefined;
  const policy = resolveDisclosurePolicy(sector === undefined ? {} : { sector });
  if (policy.isErr()) {
    io.err(formatError(lang, policy.error));
    return EXIT.usage;
  }
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) {
    io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  return withStore(ctx, spec.value, async (store) => {
    const duties = await disclosureObligations({ store, calendar: chinaCalendar(), policy: policy.value, today });
    if (duties.isErr()) {
      io.err(formatError(lang, duties.error));
      return EXIT.failure;
    }
    const list = duties.value;
    const overdue = list.filter((o) => o.overdue).length;
    if (ctx.options.json === true) {
      io.out(`${JSON.stringify({ asOf: today, sector: policy.value.sector, duties: list }, null, 2)}\n`);
    } else {
      io.out(
        t(
          lang,
          `公示义务（截至 ${today}${sector === undefined ? "" : `，行业规定 ${sector}`}）：共 ${list.length} 项，其中逾期 ${overdue} 项\n`,
          `Disclosure duties (as of ${today}${sector === undefined ? "" : `, sector ${sector}`}): ${list.length}, ${overdue} overdue\n`,
        ),
      );
      for (const o of list) io.out(`  ${dutyLine(lang, o)}\n`);
    }
    return ctx.options["fail-overdue"] === true && overdue > 0 ? EXIT.failure : EXIT.ok;
  });
}
