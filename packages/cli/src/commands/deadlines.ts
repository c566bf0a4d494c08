import {
  chinaCalendar,
  civilDateOf,
  compareCivilDates,
  type DisclosureObligation,
  disclosureObligations,
  formatSource,
  type OpenDeadline,
  openDeadlines,
  resolveDisclosurePolicy,
} from "@sanxiang/core";
import { storeSpecOf, withStore } from "../event-store.js";
import { type Lang, t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import { dutyLine } from "./duties.js";
import { dateOption } from "./options.js";

/** One open deadline as a line: the stream, the period, the due day, how late, the rule. */
export function openDeadlineLine(lang: Lang, d: OpenDeadline): string {
  // A deadline closing soon says so (the court-application window: 30 days ahead by default);
  // the full warning text is in --json.
  const late = d.overdue
    ? t(lang, `，已逾期 ${d.daysOverdue} 日`, `, ${d.daysOverdue} days overdue`)
    : d.closingSoon
      ? t(lang, `，临期：还剩 ${d.daysLeft} 日`, `, closing soon: ${d.daysLeft} days left`)
      : "";
  const provisional = d.provisional ? t(lang, "（暂定）", " (provisional)") : "";
  const subject = `${d.streamId}${d.measureId === undefined ? "" : `/${d.measureId}`}`;
  return t(
    lang,
    `${subject} ${d.name}：届满日 ${d.due}${late}${provisional}（${formatSource(d.source)}）`,
    // The deadline by its Chinese name in English too (never the rule id, issue 16).
    `${subject} ${d.name}: due ${d.due}${late}${provisional} (${formatSource(d.source)})`,
  );
}

/**
 * `sanxiang deadlines [--store …] [--date D] [--due-by D] [--overdue] [--sector S] [--json] [--fail-overdue]`
 * — 期限清单: every open deadline the store's deadline index holds (cases and their coercive
 * measures, legal reviews) **and** every open disclosure duty (应公示, 应撤回, 应推送 — what
 * `sanxiang duties` lists), oldest due first, overdue ones flagged, each with its rule.
 * `--due-by` keeps those due by a day, `--overdue` only the overdue ones (judged on `--date`,
 * default today, China time); `--sector samr` applies a sector's disclosure rules;
 * `--fail-overdue` exits 1 when any is overdue. `--json` gives `{ asOf, deadlines, duties }`.
 */
export async function deadlinesCommand(ctx: CommandContext): Promise<number> {
  const { lang, io } = ctx;
  if (ctx.args.length > 0) {
    throw new UsageError(t(lang, `多余的参数：${ctx.args.join(" ")}`, `extra arguments: ${ctx.args.join(" ")}`));
  }
  const date = dateOption(ctx, "date");
  const dueBy = dateOption(ctx, "due-by");
  for (const d of [date, dueBy]) {
    if (d.isErr()) {
      io.err(formatError(lang, d.error));
      return EXIT.usage;
    }
  }
  const today = date.unwrapOr(undefined) ?? civilDateOf(io.clock.now());
  const by = dueBy.unwrapOr(undefined);
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) {
    io.err(formatError(lang, spec.error));
    return EXIT.usage;
  }
  const sector = typeof ctx.options.sector === "string" ? ctx.options.sector : undefined;
  const policy = resolveDisclosurePolicy(sector === undefined ? {} : { sector });
  if (policy.isErr()) {
    io.err(formatError(lang, policy.error));
    return EXIT.usage;
  }
  return withStore(ctx, spec.value, async (store) => {
    const listed = await openDeadlines(store, {
      today,
      ...(by === undefined ? {} : { dueBy: by }),
      ...(ctx.options.overdue === true ? { overdueOnly: true } : {}),
    });
    if (listed.isErr()) {
      io.err(formatError(lang, listed.error));
      return EXIT.failure;
    }
    const obligations = await disclosureObligations({ store, calendar: chinaCalendar(), policy: policy.value, today });
    if (obligations.isErr()) {
      io.err(formatError(lang, obligations.error));
      return EXIT.failure;
    }
    const list = listed.value;
    const duties = obligations.value.filter(
      (o) => (by === undefined || compareCivilDates(o.due, by) <= 0) && (ctx.options.overdue !== true || o.overdue),
    );
    const overdue = list.filter((d) => d.overdue).length + duties.filter((o) => o.overdue).length;
    if (ctx.options.json === true) {
      io.out(`${JSON.stringify({ asOf: today, deadlines: list, duties }, null, 2)}\n`);
    } else {
      io.out(
        t(
          lang,
          `期限清单（截至 ${today}）：共 ${list.length + duties.length} 项（其中公示义务 ${duties.length} 项），逾期 ${overdue} 项\n`,
          `Open deadlines (as of ${today}): ${list.length + duties.length} (${duties.length} disclosure ${duties.length === 1 ? "duty" : "duties"}), ${overdue} overdue\n`,
        ),
      );
      const lines: { due: string; text: string }[] = [
        ...list.map((d) => ({ due: d.due, text: openDeadlineLine(lang, d) })),
        ...duties.map((o: DisclosureObligation) => ({ due: o.due, text: dutyLine(lang, o) })),
      ];
      lines.sort((a, b) => compareCivilDates(a.due, b.due));
      for (const l of lines) io.out(`  ${l.text}\n`);
    }
    return ctx.options["fail-overdue"] === true && overdue > 0 ? EXIT.failure : EXIT.ok;
  });
}
