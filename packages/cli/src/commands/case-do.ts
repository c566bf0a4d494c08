// `sanxiang case <id> do <command-type>` — one procedure step through the bureau front door
// (createBureau), as an officer registered in the bodies registry, at `--at` or the system clock:
// the command's own zod schema checks the payload first; a refusal appends nothing.
import {
  type CaseEvent,
  COMMAND_EVENTS,
  civilDateOf,
  DISCLOSURE_COMMAND_EVENTS,
  DisclosureCommandSchema,
  FormRegisterEventSchema,
  INSPECTION_PERMISSIONS,
  InspectionCommandSchema,
  type Instant,
  PenaltyCommandSchema,
  REVIEW_COMMAND_EVENTS,
  REVIEW_STATE_NAMES,
  ReviewCommandSchema,
  SeizureCommandSchema,
  SIMPLIFIED_PERMISSIONS,
  SimplifiedCommandSchema,
} from "@sanxiang/core";
import { storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, formatError, UsageError } from "../main.js";
import {
  actorOf,
  bureauOf,
  eventJson,
  eventLine,
  FORM_EVENTS,
  FORMS_ID,
  input,
  instantOf,
  isError,
  OPENING,
  refuse,
  registriesOrExit,
  SEIZURE_TYPES,
  stateName,
} from "./case-common.js";
import { type CommandSchema, parsePayload, payloadText, schemaRefusal } from "./case-payload.js";
import { checkAgainstLog, PORT_COMMANDS, type SitePort, sitePortOf } from "./case-site.js";
import { BAD_INPUT_CODES, siteDirOf } from "./publish.js";

/** Where a command type goes in the bureau. */
type Route = "case" | "seizure" | "review" | "disclosure" | "forms";

/** The bureau route and zod schema of a command type, or undefined for an unknown type. */
function routeOf(type: string): { route: Route; schema: CommandSchema } | undefined {
  if (Object.hasOwn(COMMAND_EVENTS, type)) return { route: "case", schema: PenaltyCommandSchema };
  if (Object.hasOwn(SIMPLIFIED_PERMISSIONS, type)) return { route: "case", schema: SimplifiedCommandSchema };
  if (Object.hasOwn(INSPECTION_PERMISSIONS, type)) return { route: "case", schema: InspectionCommandSchema };
  if (SEIZURE_TYPES.has(type)) return { route: "seizure", schema: SeizureCommandSchema };
  if (Object.hasOwn(REVIEW_COMMAND_EVENTS, type)) return { route: "review", schema: ReviewCommandSchema };
  if (Object.hasOwn(DISCLOSURE_COMMAND_EVENTS, type)) return { route: "disclosure", schema: DisclosureCommandSchema };
  if (Object.hasOwn(FORM_EVENTS, type)) return { route: "forms", schema: FormRegisterEventSchema };
  return undefined;
}

/** Every command type `case do` accepts, in the order of docs/commands.md. */
export function caseCommandTypes(): string[] {
  return [
    ...Object.keys(COMMAND_EVENTS),
    ...SEIZURE_TYPES,
    ...Object.keys(SIMPLIFIED_PERMISSIONS),
    ...Object.keys(INSPECTION_PERMISSIONS),
    ...Object.keys(REVIEW_COMMAND_EVENTS),
    ...Object.keys(DISCLOSURE_COMMAND_EVENTS),
    ...Object.keys(FORM_EVENTS),
  ];
}

/** `；同类命令：a、b` — the known types sharing the unknown one's prefix (`case.` …), if any. */
function nearby(type: string): string {
  const prefix = type.split(".")[0] ?? "";
  const same = caseCommandTypes().filter((c) => c.startsWith(`${prefix}.`));
  return same.length === 0 ? "" : `；同类命令：${same.join("、")}`;
}

/** Runs one command on a case (or the form register, a disclosure) and prints what it recorded. */
export async function doCommand(ctx: CommandContext, caseId: string, type: string, usage: string): Promise<number> {
  const route = routeOf(type);
  if (route === undefined) {
    return refuse(
      ctx,
      input(
        `未知的命令类型：${type}${nearby(type)}（案件此时可用的命令见 sanxiang case <案件编号> commands，全部命令见 docs/commands.md）`,
        { command: type },
      ),
    );
  }
  const as = ctx.options.as;
  if (typeof as !== "string") {
    throw new UsageError(
      t(ctx.lang, `case do 需要 --as <人员编号>：由谁办理\n${usage}`, `case do needs --as <officer-id>\n${usage}`),
    );
  }
  const now = instantOf(ctx);
  if (typeof now !== "string") return refuse(ctx, now);
  const text = await payloadText(ctx);
  if (typeof text !== "string") return refuse(ctx, text);
  const data = parsePayload(text);
  if (isError(data)) return refuse(ctx, data);
  if ("type" in data && data.type !== type) {
    return refuse(ctx, input(`命令数据中的 type（${String(data.type)}）与命令类型 ${type} 不一致`));
  }
  if ((route.route === "forms") !== (caseId === FORMS_ID)) {
    return refuse(
      ctx,
      input(
        route.route === "forms"
          ? `${type} 是决定书登记簿的命令：请写 sanxiang case ${FORMS_ID} do ${type}`
          : `${FORMS_ID} 是决定书登记簿，只接受 form.issue、form.void`,
        { command: type, caseId },
      ),
    );
  }
  const isDecisionDraft = type === "disclosure.draft" && !("draft" in data);
  // 送审 without a `draft`: the bureau builds it from the case as it stands (ActingOnReview.submit
  // / resubmit), as an app would; with one, the command goes as written.
  const isCaseSubmission = (type === "review.submit" || type === "review.resubmit") && !("draft" in data);
  // A 查封扣押 step travels inside `coercion.act` with the measure's id (行政强制法 Chapter III):
  // `measureId` is read off the payload, the rest is the step (its `at` required: now by default).
  const { measureId, ...step } = data;
  const command: Record<string, unknown> =
    route.route === "seizure"
      ? { type: "coercion.act", measureId, seizure: { at: now, ...step, type } }
      : { ...data, type };
  const formEvent = FORM_EVENTS[type];
  const checked =
    formEvent !== undefined
      ? { at: now, ...data, type: formEvent }
      : route.route === "seizure"
        ? (command.seizure as Record<string, unknown>)
        : command;
  if (route.route === "seizure" && (typeof measureId !== "string" || measureId.trim() === "")) {
    return refuse(
      ctx,
      input(`${type} 需要强制措施编号 measureId（同一查封扣押的各步使用同一编号）`, { field: "measureId" }),
    );
  }
  if (isCaseSubmission) {
    if (typeof data.outcome !== "string") {
      return refuse(
        ctx,
        input(`${type} 需要决定类型 outcome（penalty、noPenaltyMinor、notEstablished、transfer），草案由案件现状生成`, {
          field: "outcome",
        }),
      );
    }
  } else if (PORT_COMMANDS.has(type)) {
    // Through the publisher port: core checks the fields (the reason, the application) itself.
  } else if (!isDecisionDraft) {
    const parsed = route.schema.safeParse(checked);
    if (!parsed.success) return refuse(ctx, schemaRefusal(type, parsed.error.issues, checked));
  } else if (typeof data.documentNumber !== "string" || data.documentNumber.trim() === "") {
    return refuse(
      ctx,
      input('拟定决定公示需要决定书文号：--data \'{"documentNumber":"…"}\'', { field: "documentNumber" }),
    );
  }
  const loaded = await registriesOrExit(ctx);
  if (typeof loaded === "number") return loaded;
  const actor = actorOf(loaded.registries, as, civilDateOf(now as Instant));
  if (isError(actor)) return refuse(ctx, actor);
  let site: SitePort | undefined;
  if (PORT_COMMANDS.has(type)) {
    const port = sitePortOf(ctx, type, loaded.registries, actor, now);
    if (isError(port)) return refuse(ctx, port);
    const dir = await siteDirOf(ctx, String(ctx.options.site), "site");
    if (dir.isErr()) return refuse(ctx, dir.error);
    site = port;
  }
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) return refuse(ctx, spec.error);
  return withStore(
    ctx,
    spec.value,
    async (store) => {
      if (site !== undefined) {
        // Nothing goes to the site from a log that does not check (as `sanxiang publish`).
        const before = await checkAgainstLog(ctx, store, site);
        if (before !== undefined) {
          ctx.io.err(formatError(ctx.lang, before));
          return BAD_INPUT_CODES.has(before.code) ? EXIT.usage : EXIT.failure;
        }
      }
      const bureau = bureauOf(
        store,
        loaded.registries,
        actor.bodyId ?? "",
        now,
        site === undefined ? {} : { publisher: site.publisher },
      );
      if (isError(bureau)) return refuse(ctx, bureau);
      const c = bureau.case(caseId);
      let events: readonly CaseEvent[];
      let stream = caseId;
      let after: string;
      if (route.route === "forms") {
        const acting = bureau.forms.as(actor);
        const r =
          type === "form.issue"
            ? await acting.issue(data as unknown as Parameters<typeof acting.issue>[0])
            : await acting.void(data as unknown as Parameters<typeof acting.void>[0]);
        if (r.isErr()) return refuse(ctx, r.error);
        const forms = Object.values(r.value.forms);
        const count = (status: string) => forms.filter((f) => f.status === status).length;
        const summary = { issued: count("issued"), used: count("used"), voided: count("voided") };
        if (ctx.options.json === true) {
          ctx.io.out(
            `${JSON.stringify({ ok: true, command: type, actor: actor.id, at: now, register: summary }, null, 2)}\n`,
          );
          return EXIT.ok;
        }
        ctx.io.out(
          t(
            ctx.lang,
            `${actor.name}（${actor.id}）执行 ${type}：决定书登记簿现有未使用 ${summary.issued} 份、已使用 ${summary.used} 份、已作废 ${summary.voided} 份\n`,
            `${actor.name} (${actor.id}) ran ${type}: the form register has ${summary.issued} unused, ${summary.used} used, ${summary.voided} voided\n`,
          ),
        );
        return EXIT.ok;
      }
      if (route.route === "case" || route.route === "seizure") {
        const r = await c.as(actor).execute(command as Parameters<ReturnType<typeof c.as>["execute"]>[0]);
        if (r.isErr()) return refuse(ctx, r.error);
        events = r.value.events;
        after = stateName(r.value.view);
      } else if (route.route === "review") {
        const acting = c.review.as(actor);
        const r = !isCaseSubmission
          ? await acting.execute(command as Parameters<typeof acting.execute>[0])
          : type === "review.submit"
            ? await acting.submit(data as unknown as Parameters<typeof acting.submit>[0])
            : await acting.resubmit(data as unknown as Parameters<typeof acting.resubmit>[0]);
        if (r.isErr()) return refuse(ctx, r.error);
        events = r.value.events;
        stream = r.value.review.reviewId ?? stream;
        after = REVIEW_STATE_NAMES[r.value.review.value];
      } else if (isDecisionDraft) {
        const r = await c.disclosure
          .as(actor)
          .draft(data as unknown as Parameters<ReturnType<typeof c.disclosure.as>["draft"]>[0]);
        if (r.isErr()) return refuse(ctx, r.error);
        const state = await r.value.state();
        if (state.isErr()) return refuse(ctx, state.error);
        stream = r.value.disclosureId;
        const loadedEvents = await store.load(stream);
        if (loadedEvents.isErr()) return refuse(ctx, loadedEvents.error);
        events = loadedEvents.value.slice(-1);
        after = String(state.value.value);
      } else if (site !== undefined) {
        const acting = bureau.disclosure(caseId).as(actor);
        const r =
          type === "disclosure.publish"
            ? await acting.publish()
            : type === "disclosure.withdraw"
              ? await acting.withdraw(data.reason as string)
              : await acting.endEarly(data as unknown as Parameters<typeof acting.endEarly>[0]);
        if (r.isErr()) return refuse(ctx, r.error);
        events = r.value.events;
        after = String(r.value.state.value);
        const checked = await checkAgainstLog(ctx, store, site, type === "disclosure.publish" ? caseId : undefined);
        if (checked !== undefined) {
          ctx.io.err(formatError(ctx.lang, checked));
          return EXIT.failure;
        }
        if (ctx.options.json !== true) {
          ctx.io.out(
            t(
              ctx.lang,
              `公示网站 ${site.dir} 已更新（${r.value.receipt.changed ? "有变更" : "无变更"}），与签名日志核对一致\n`,
              `site ${site.dir} updated (${r.value.receipt.changed ? "changed" : "unchanged"}), checked against the signed log\n`,
            ),
          );
        }
      } else {
        // Any other disclosure command acts on the disclosure whose id is given as the case id.
        const r = await bureau
          .disclosure(caseId)
          .as(actor)
          .execute(command as Parameters<ReturnType<ReturnType<typeof bureau.disclosure>["as"]>["execute"]>[0]);
        if (r.isErr()) return refuse(ctx, r.error);
        events = r.value.events;
        after = String(r.value.state.value);
      }
      if (ctx.options.json === true) {
        ctx.io.out(
          `${JSON.stringify({ ok: true, stream, command: type, actor: actor.id, at: now, state: after, events: events.map(eventJson) }, null, 2)}\n`,
        );
        return EXIT.ok;
      }
      ctx.io.out(
        t(
          ctx.lang,
          `${actor.name}（${actor.id}）执行 ${type}：${stream} 记录事件 ${events.length} 件，现处于「${after}」\n`,
          `${actor.name} (${actor.id}) ran ${type}: ${events.length} event(s) recorded on ${stream}, now 「${after}」\n`,
        ),
      );
      for (const e of events) ctx.io.out(`${eventLine(e)}\n`);
      return EXIT.ok;
    },
    { create: OPENING.has(type) || type === "form.issue" },
  );
}
