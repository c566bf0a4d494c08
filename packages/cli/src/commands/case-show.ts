// `sanxiang case <id> show` and `case <id> commands` — a case's (or a disclosure's) state,
// open deadlines and history, and the commands its state accepts, read through the bureau.
import {
  type Bureau,
  type CaseView,
  COMMAND_EVENTS,
  commandsAccepted,
  DISCLOSURE_COMMAND_EVENTS,
  DISCLOSURE_STATE_NAMES,
  disclosureEventsAcceptedIn,
  type EventStore,
  eventsAcceptedIn,
  formatSource,
  INSPECTION_PERMISSIONS,
  INSPECTION_TRANSITIONS,
  type OpenDeadline,
  REVIEW_COMMAND_EVENTS,
  REVIEW_STATE_NAMES,
  reviewEventsAcceptedIn,
  type SanxiangError,
  SIMPLIFIED_ACCEPTS,
  SIMPLIFIED_PERMISSIONS,
  sanxiangError,
} from "@sanxiang/core";
import { t } from "../i18n.js";
import { type CommandContext, EXIT } from "../main.js";
import {
  eventJson,
  eventLine,
  OPENING,
  PROCEDURE_NAMES,
  refuse,
  SEIZURE_TYPES,
  stateName,
  stateValue,
  withReadingBureau,
} from "./case-common.js";

function unknownCase(caseId: string): SanxiangError {
  return sanxiangError("INVALID_INPUT", `存储中没有案件 ${caseId}（sanxiang cases 列出全部案件）`, {
    details: { caseId },
  });
}

/** What the case's current state accepts (the machines' own tables). */
function acceptedCommands(view: CaseView): string[] {
  switch (view.procedure) {
    case "none":
      return [...OPENING];
    case "ordinary": {
      const own = commandsAccepted(COMMAND_EVENTS, eventsAcceptedIn(view.state.value));
      const last = view.reviews.at(-1);
      const review =
        last === undefined
          ? ["review.submit"]
          : [
              ...new Set([
                "review.submit",
                ...commandsAccepted(REVIEW_COMMAND_EVENTS, reviewEventsAcceptedIn(last.value)),
              ]),
            ];
      return [...own, ...(own.includes("coercion.act") ? [...SEIZURE_TYPES] : []), ...review];
    }
    case "simplified": {
      const value = view.state.value;
      const events: Record<string, string> = {
        "onSpot.decide": "onSpot.decided",
        "onSpot.collect": "onSpot.collected",
        "cash.handOver": "cash.handedOver",
        "cash.deposit": "cash.deposited",
        "decision.file": "decision.filed",
      };
      return Object.keys(SIMPLIFIED_PERMISSIONS).filter((c) => {
        const ev = events[c] as keyof typeof SIMPLIFIED_ACCEPTS | undefined;
        return ev !== undefined && (SIMPLIFIED_ACCEPTS[ev] ?? []).includes(value);
      });
    }
    case "inspection": {
      const value = view.state.value;
      return Object.keys(INSPECTION_PERMISSIONS).filter((c) => {
        const byName: Record<string, keyof typeof INSPECTION_TRANSITIONS> = {
          "inspection.open": "inspection.opened",
          "inspection.record": "inspection.recorded",
          "inspection.conclude": "inspection.concluded",
          "inspection.publish": "inspection.published",
        };
        const ev = byName[c];
        return ev !== undefined && INSPECTION_TRANSITIONS[ev].from === value;
      });
    }
  }
}

/** `case <id> show [--json]`. */
export async function showCommand(ctx: CommandContext, caseId: string): Promise<number> {
  return withReadingBureau(ctx, caseId, async (bureau, store) => {
    if (await isDisclosureStream(store, caseId)) return showDisclosure(ctx, bureau, store, caseId);
    const view = await bureau.cases.view(caseId);
    if (view.isErr()) return refuse(ctx, view.error);
    if (view.value.procedure === "none") return refuse(ctx, unknownCase(caseId));
    const events = await store.load(caseId);
    if (events.isErr()) return refuse(ctx, events.error);
    const deadlines = await bureau.deadlines({ streamPrefix: caseId });
    if (deadlines.isErr()) return refuse(ctx, deadlines.error);
    const v = view.value;
    const reviews = v.procedure === "ordinary" ? v.reviews : [];
    if (ctx.options.json === true) {
      ctx.io.out(
        `${JSON.stringify(
          {
            caseId,
            procedure: v.procedure,
            procedureName: PROCEDURE_NAMES[v.procedure],
            state: stateValue(v),
            stateName: stateName(v),
            version: v.version,
            deadlines: deadlines.value,
            reviews: reviews.map((r) => ({
              reviewId: r.reviewId,
              state: r.value,
              stateName: REVIEW_STATE_NAMES[r.value],
            })),
            history: events.value.map(eventJson),
          },
          null,
          2,
        )}\n`,
      );
      return EXIT.ok;
    }
    const out = ctx.io.out;
    out(`${t(ctx.lang, "案件", "case")} ${caseId}\n`);
    out(`  ${t(ctx.lang, "程序", "procedure")}：${PROCEDURE_NAMES[v.procedure]}\n`);
    out(`  ${t(ctx.lang, "状态", "state")}：${stateName(v)}（${stateValue(v)}）\n`);
    for (const r of reviews)
      out(`  ${t(ctx.lang, "法制审核", "legal review")} ${r.reviewId}：${REVIEW_STATE_NAMES[r.value]}\n`);
    out(
      `${t(ctx.lang, "期限（未了结）", "open deadlines")}：${deadlines.value.length === 0 ? t(ctx.lang, "无", "none") : ""}\n`,
    );
    for (const d of deadlines.value) out(`  ${deadlineLine(d)}\n`);
    out(`${t(ctx.lang, "办理经过", "history")}（${events.value.length}）：\n`);
    for (const e of events.value) out(`${eventLine(e)}\n`);
    return EXIT.ok;
  });
}

/** Whether `id` is a disclosure's stream (its first event a `disclosure.drafted`). */
async function isDisclosureStream(store: EventStore, id: string): Promise<boolean> {
  const events = await store.load(id);
  return events.isOk() && events.value[0]?.type === "disclosure.drafted";
}

/** `show` of a disclosure's stream (the id `disclosure.draft` printed), else "no such case". */
async function showDisclosure(ctx: CommandContext, bureau: Bureau, store: EventStore, id: string): Promise<number> {
  const events = await store.load(id);
  if (events.isErr()) return refuse(ctx, events.error);
  const state = await bureau.disclosure(id).state();
  if (state.isErr()) return refuse(ctx, state.error);
  const name = DISCLOSURE_STATE_NAMES[state.value.value];
  if (ctx.options.json === true) {
    ctx.io.out(
      `${JSON.stringify({ disclosureId: id, state: state.value.value, stateName: name, history: events.value.map(eventJson) }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  ctx.io.out(
    `${t(ctx.lang, "公示", "disclosure")} ${id}\n  ${t(ctx.lang, "状态", "state")}：${name}（${state.value.value}）\n`,
  );
  ctx.io.out(`${t(ctx.lang, "办理经过", "history")}（${events.value.length}）：\n`);
  for (const e of events.value) ctx.io.out(`${eventLine(e)}\n`);
  return EXIT.ok;
}

function deadlineLine(d: OpenDeadline): string {
  const overdue = d.overdue ? `（已逾期 ${d.daysOverdue} 日）` : "";
  return `${d.name}  届满日 ${d.due}${overdue}（依据：${formatSource(d.source)}）`;
}

/** `case <id> commands [--json]`. */
export async function commandsCommand(ctx: CommandContext, caseId: string): Promise<number> {
  return withReadingBureau(ctx, caseId, async (bureau, store) => {
    let accepted: string[];
    let name: string;
    let value: string;
    if (await isDisclosureStream(store, caseId)) {
      const disclosure = await bureau.disclosure(caseId).state();
      if (disclosure.isErr()) return refuse(ctx, disclosure.error);
      value = disclosure.value.value;
      name = DISCLOSURE_STATE_NAMES[disclosure.value.value];
      accepted = commandsAccepted(DISCLOSURE_COMMAND_EVENTS, disclosureEventsAcceptedIn(disclosure.value.value));
    } else {
      const view = await bureau.cases.view(caseId);
      if (view.isErr()) return refuse(ctx, view.error);
      accepted = acceptedCommands(view.value);
      name = stateName(view.value);
      value = stateValue(view.value);
    }
    if (ctx.options.json === true) {
      ctx.io.out(`${JSON.stringify({ caseId, state: value, stateName: name, accepted }, null, 2)}\n`);
      return EXIT.ok;
    }
    ctx.io.out(t(ctx.lang, `${caseId} 处于「${name}」，此时可执行：\n`, `${caseId} is 「${name}」; accepted now:\n`));
    for (const c of accepted) ctx.io.out(`  ${c}\n`);
    if (accepted.length === 0) ctx.io.out(t(ctx.lang, "  （已无可执行的操作）\n", "  (nothing more)\n"));
    return EXIT.ok;
  });
}
