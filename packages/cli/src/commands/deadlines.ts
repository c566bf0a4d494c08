import { civilDateOf, formatSource, type OpenDeadline, openDeadlines } from "@sanxiang/core";
import { storeSpecOf, withStore } from "../event-store.js";
import { type Lang, t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import { dateOption } from "./options.js";

/** One open deadline as a line: the stream, the period, the due day, how late, the rule. */
export function openDeadlineLine(lang: Lang, d: OpenDeadline): string {
  const late = d.overdue ? t(lang, `，已逾期 ${d.daysOverdue} 日`, `, ${d.daysOverdue} days overdue`) : "";
  const provisional = d.provisional ? t(lang, "（暂定）", " (provisional)") : "";
  const subject = `${d.streamId}${d.measureId === undefined ? "" : `/${d.measureId}`}`;
  return t(
    lang,
    `${subject} ${d.name}：届满日 ${d.due}${late}${provisional}（${formatSource(d.source)}）`,
    `${subject} ${d.ruleId}: due ${d.due}${late}${provisional} (${formatSource(d.source)})`,
  );
}

/**
 * `sanxiang deadlines [--store …] [--date D] [--due-by D] [--overdue] [--json] [--fail-overdue]`
 * — 期限清单: every open deadline the store's deadline index holds (cases and their coercive
 * measures, legal reviews, disclosures), oldest due first, overdue ones flagged, each with its
 * rule. `--due-by` keeps those due by a day, `--overdue` only the overdue ones (judged on
 * `--date`, default today, China time); `--fail-overdue` exits 1 when any is overdue.
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
    const list = listed.value;
    const overdue = list.filter((d) => d.overdue).length;
    if (ctx.options.json === true) {
      io.out(`${JSON.stringify({ asOf: today, deadlines: list }, null, 2)}\n`);
    } else {
      io.out(
        t(
          lang,
          `期限清单（截至 ${today}）：共 ${list.length} 项，其中逾期 ${overdue} 项\n`,
          `Open deadlines (as of ${today}): ${list.length}, ${overdue} overdue\n`,
        ),
      );
      for (const d of list) io.out(`  ${openDeadlineLine(lang, d)}\n`);
    }
    return ctx.options["fail-overdue"] === true && overdue > 0 ? EXIT.failure : EXIT.ok;
  });
}
