// `sanxiang case …` and `sanxiang cases` — acting on a case from the terminal through the bureau
// front door (createBureau) on the CLI's store: every command of every procedure the bureau
// routes (ordinary, 查封扣押 inside it, simplified, inspection, legal review, disclosure), run
// as an officer registered in the bodies registry, at `--at` or the system clock. The payload
// is checked with the command's own zod schema first; a refusal appends nothing.
import { readFile, stat } from "node:fs/promises";
import {
  type Actor,
  type Bureau,
  type BureauConfig,
  type CaseEvent,
  type CaseView,
  COMMAND_EVENTS,
  chinaCalendar,
  civilDateOf,
  commandsAccepted,
  createBureau,
  DISCLOSURE_COMMAND_EVENTS,
  DISCLOSURE_STATE_NAMES,
  DisclosureCommandSchema,
  describeIssue,
  disclosureEventsAcceptedIn,
  type EventStore,
  eventsAcceptedIn,
  eventTitle,
  FormRegisterEventSchema,
  fixedClock,
  formatSource,
  INSPECTION_PERMISSIONS,
  INSPECTION_STATE_NAMES,
  INSPECTION_TRANSITIONS,
  InspectionCommandSchema,
  type Instant,
  isInstant,
  issuesInWords,
  type OpenDeadline,
  PENALTY_STATE_NAMES,
  PenaltyCommandSchema,
  REVIEW_COMMAND_EVENTS,
  REVIEW_STATE_NAMES,
  ReviewCommandSchema,
  type Role,
  reviewEventsAcceptedIn,
  type SanxiangError,
  type SchemaIssueLike,
  SeizureCommandSchema,
  SIMPLIFIED_ACCEPTS,
  SIMPLIFIED_PERMISSIONS,
  SIMPLIFIED_STATE_NAMES,
  SimplifiedCommandSchema,
  sanxiangError,
} from "@sanxiang/core";
import { storeSpecOf, withStore } from "../event-store.js";
import { t } from "../i18n.js";
import { type CommandContext, EXIT, exitCodeOf, formatError, UsageError } from "../main.js";
import { buildRegistries, type Registries } from "../registry-store.js";
import { decodeText, encodingNote } from "../text-decode.js";
import { evidenceCommand } from "./case-evidence.js";
import { checkAgainstLog, PORT_COMMANDS, type SitePort, sitePortOf } from "./case-site.js";
import { BAD_INPUT_CODES } from "./publish.js";
import { dataOrExit } from "./registry.js";

/** The largest payload `--data`, `--data-file` or standard input may hold: 1 MiB. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** 程序名称 — the procedures a case can follow, in Chinese. */
const PROCEDURE_NAMES: Readonly<Record<CaseView["procedure"], string>> = {
  ordinary: "普通程序",
  simplified: "简易程序（当场处罚）",
  inspection: "行政检查（双随机）",
  none: "尚未立案",
};

/** The commands that open a new case, by procedure. */
const OPENING = new Set(["case.file", "onSpot.decide", "inspection.open"]);

const SEIZURE_TYPES: ReadonlySet<string> = new Set(SeizureCommandSchema.options.map((o) => String(o.shape.type.value)));

/** A schema issue: where, and what is wrong. */
type Issue = SchemaIssueLike;

/** What `case do` needs of a command's zod schema. */
interface CommandSchema {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}

/** Where a command type goes in the bureau. */
type Route = "case" | "seizure" | "review" | "disclosure" | "forms";

/** 决定书登记簿 — the form register's acts (简易程序, 行政处罚法 Art. 52), on the case id `forms`. */
const FORM_EVENTS: Readonly<Record<string, "form.issued" | "form.voided">> = {
  "form.issue": "form.issued",
  "form.void": "form.voided",
};

/** The case id that names the bureau's form register in `case forms do form.issue|form.void`. */
export const FORMS_ID = "forms";

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

/** Prints a refusal in the operator's language; its exit code. */
export function refuse(ctx: CommandContext, e: SanxiangError): number {
  ctx.io.err(formatError(ctx.lang, e));
  return exitCodeOf(e);
}

/** An `INVALID_INPUT` refusal. */
export function input(message: string, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("INVALID_INPUT", message, { details });
}

/** The instant acts happen at: `--at`, else the CLI's clock (the system clock). */
export function instantOf(ctx: CommandContext): string | SanxiangError {
  const at = ctx.options.at;
  if (typeof at !== "string") return ctx.io.clock.now();
  if (!isInstant(at)) {
    return sanxiangError(
      "INSTANT_INVALID",
      `--at 应为 UTC 时刻（ISO 8601，例如 2026-03-02T02:00:00Z），收到 ${JSON.stringify(at)}`,
      {
        details: { option: "at", value: at },
      },
    );
  }
  return at;
}

/** The payload's bytes: `--data`, `--data-file <path>`, or standard input with `--data-file -`. */
async function payloadText(ctx: CommandContext): Promise<string | SanxiangError> {
  const inline = ctx.options.data;
  const file = ctx.options["data-file"];
  if (typeof inline === "string" && typeof file === "string") {
    return input("--data 与 --data-file 只能给出一个", { option: "data" });
  }
  if (typeof inline === "string") {
    if (Buffer.byteLength(inline, "utf8") > MAX_PAYLOAD_BYTES) {
      return input(`命令数据超过 ${MAX_PAYLOAD_BYTES} 字节上限`, { limit: MAX_PAYLOAD_BYTES });
    }
    return inline;
  }
  if (typeof file !== "string") return "{}";
  let bytes: Uint8Array;
  if (file === "-") {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of process.stdin) {
      const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      size += b.length;
      if (size > MAX_PAYLOAD_BYTES) {
        return input(`标准输入的命令数据超过 ${MAX_PAYLOAD_BYTES} 字节上限`, { limit: MAX_PAYLOAD_BYTES });
      }
      chunks.push(b);
    }
    bytes = Buffer.concat(chunks);
  } else {
    const path = file;
    const info = await stat(path);
    if (!info.isFile()) return input(`${path} 不是文件`, { file: path });
    if (info.size > MAX_PAYLOAD_BYTES) {
      return input(`${path} 有 ${info.size} 字节，超过命令数据 ${MAX_PAYLOAD_BYTES} 字节上限`, {
        file: path,
        size: info.size,
        limit: MAX_PAYLOAD_BYTES,
      });
    }
    bytes = await readFile(path);
  }
  const decoded = decodeText(bytes, file === "-" ? "标准输入" : file);
  if (decoded.isErr()) return decoded.error;
  if (decoded.value.encoding !== "UTF-8") {
    ctx.io.err(
      t(
        ctx.lang,
        `注意：命令数据${encodingNote(decoded.value)}\n`,
        `note: the payload was read as ${decoded.value.encoding}\n`,
      ),
    );
  }
  return decoded.value.text;
}

function parsePayload(text: string): Record<string, unknown> | SanxiangError {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return input(`命令数据不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return input(
      `命令数据应为 JSON 对象，收到 ${Array.isArray(value) ? "数组" : value === null ? "null" : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}

/** The schema's refusal of a payload, each field in words (core's `describeIssue`). */
function schemaRefusal(type: string, issues: readonly Issue[], given: unknown): SanxiangError {
  // Two checks of one field can word the same problem alike (an amount out of range): named once.
  const described = issues
    .map((i) => describeIssue(i, given))
    .filter((d, n, all) => all.findIndex((o) => o.field === d.field && o.message === d.message) === n);
  return sanxiangError(
    "INVALID_INPUT",
    `命令 ${type} 的数据不符合要求：${issuesInWords(described)}（字段见 docs/commands.md）`,
    {
      details: { command: type, issues: described },
    },
  );
}

/**
 * The actor `--as` names, from the bodies registry on the act's day: an officer acts as
 * `officer` and `publisher`; a head (负责人, `leadership`) as `head`; a legal reviewer
 * (法制审核人员) also as `legalReviewer`. The registry checks each claim again in core.
 */
export function actorOf(registries: Registries, id: string, day: string): Actor | SanxiangError {
  const found = registries.bodies.officer(id, day as ReturnType<typeof civilDateOf>);
  if (found.isErr()) {
    return sanxiangError("ACTOR_NOT_REGISTERED", `执法主体及人员数据库中没有 ${day} 在册的人员 ${id}（--as）`, {
      details: { actorId: id, date: day },
    });
  }
  const o = found.value;
  const roles: Role[] = o.leadership === undefined ? ["officer", "publisher"] : ["head"];
  if (o.reviewer) roles.push("legalReviewer");
  return { id: o.id, name: o.name, roles, bodyId: o.bodyId, certificateNumber: o.certificateNumber };
}

/** The bureau on the CLI's store and registries at `now`, with the ports given (evidence, publisher). */
export function bureauOf(
  store: EventStore,
  registries: Registries,
  bodyId: string,
  now: string,
  ports: Pick<BureauConfig, "evidence" | "publisher" | "random"> = {},
): Bureau | SanxiangError {
  const made = createBureau({
    ...ports,
    bodyId,
    store,
    clock: fixedClock(now as Instant),
    registries: {
      bodies: registries.bodies,
      powers: registries.powers,
      entities: registries.entities,
      benchmarks: registries.benchmarks,
    },
    calendar: chinaCalendar(),
  });
  return made.isErr() ? made.error : made.value;
}

/** Whether a value is a SanxiangError (a refusal) rather than a result. */
export function isError(v: unknown): v is SanxiangError {
  return typeof v === "object" && v !== null && "code" in v && "message" in v && v instanceof Error;
}

/** One event as a line: seq, China day, Chinese title, type. */
function eventLine(e: CaseEvent): string {
  return `  ${String(e.seq).padStart(3)}  ${civilDateOf(e.at as Instant)}  ${eventTitle(e)}（${e.type}）`;
}

function eventJson(e: CaseEvent) {
  return {
    stream: e.caseId,
    seq: e.seq,
    type: e.type,
    title: eventTitle(e),
    at: e.at,
    actor: e.actor.id,
    payload: e.payload,
  };
}

/** The Chinese name of a case's state. */
function stateName(view: CaseView): string {
  switch (view.procedure) {
    case "ordinary":
      return PENALTY_STATE_NAMES[view.state.value];
    case "simplified":
      return SIMPLIFIED_STATE_NAMES[view.state.value];
    case "inspection":
      return INSPECTION_STATE_NAMES[view.state.value];
    case "none":
      return "尚未立案";
  }
}

function stateValue(view: CaseView): string {
  return view.procedure === "none" ? "none" : String(view.state.value);
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

/** The registries a command acts under. */
export interface Loaded {
  readonly registries: Registries;
}

/** The five registries (--sample or --dir), or the exit code of their refusal. */
export async function registriesOrExit(ctx: CommandContext): Promise<Loaded | number> {
  const data = await dataOrExit(ctx);
  if (typeof data === "number") return data;
  const built = buildRegistries(data);
  if (built.isErr()) return refuse(ctx, built.error);
  return { registries: built.value };
}

/** The body a read-only bureau stands for: `--body`, else the case's own, else the registry's first. */
async function readingBody(store: EventStore, registries: Registries, ctx: CommandContext, caseId?: string) {
  if (typeof ctx.options.body === "string") return ctx.options.body;
  if (caseId !== undefined) {
    const events = await store.load(caseId);
    if (events.isOk()) {
      const first = events.value[0];
      const id = first?.payload.bodyId;
      if (typeof id === "string") return id;
      const officer =
        first === undefined ? undefined : registries.bodies.officer(first.actor.id, civilDateOf(first.at));
      if (officer?.isOk()) return officer.value.bodyId;
    }
  }
  return registries.bodies.bodies(civilDateOf(ctx.io.clock.now()))[0]?.id ?? "";
}

/** `sanxiang cases [--json]` — the case list from the store's projection. */
export async function casesCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0)
    throw new UsageError(t(ctx.lang, "用法：sanxiang cases [--json]", "usage: sanxiang cases [--json]"));
  const loaded = await registriesOrExit(ctx);
  if (typeof loaded === "number") return loaded;
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) return refuse(ctx, spec.error);
  return withStore(ctx, spec.value, async (store) => {
    const body = await readingBody(store, loaded.registries, ctx);
    const bureau = bureauOf(store, loaded.registries, body, ctx.io.clock.now());
    if (isError(bureau)) return refuse(ctx, bureau);
    const list = await bureau.cases.list();
    if (list.isErr()) return refuse(ctx, list.error);
    if (ctx.options.json === true) {
      ctx.io.out(`${JSON.stringify(list.value, null, 2)}\n`);
      return EXIT.ok;
    }
    if (list.value.length === 0) {
      ctx.io.out(t(ctx.lang, "存储中尚无案件\n", "no cases in the store\n"));
      return EXIT.ok;
    }
    ctx.io.out(t(ctx.lang, `案件 ${list.value.length} 件：\n`, `${list.value.length} cases:\n`));
    for (const c of list.value) {
      const last = DEFAULT_TITLE(c.last.type);
      ctx.io.out(
        `  ${c.caseId}  ${PROCEDURE_NAMES[c.procedure]}  ${civilDateOf(c.filedAt as Instant)}  ${c.partyName ?? ""}  ${t(ctx.lang, "最后一步", "last")}：${last}（${civilDateOf(c.last.at as Instant)}）\n`,
      );
    }
    return EXIT.ok;
  });
}

function DEFAULT_TITLE(type: string): string {
  return eventTitle({
    caseId: "",
    seq: 0,
    type,
    at: "1970-01-01T00:00:00Z",
    actor: { id: "x", roles: ["system"] },
    stage: "filing",
    payload: {},
  } as unknown as CaseEvent);
}

const USAGE_ZH = `用法：
  sanxiang case <案件编号> do <命令类型> --as <人员编号> [--at <UTC 时刻>] [--data <JSON> | --data-file <文件>|-] [--json]
  sanxiang case <案件编号> show [--json]
  sanxiang case <案件编号> commands [--json]
  sanxiang cases [--json]
（人员与机关取自执法主体数据库：--sample 或 --dir；命令字段见 docs/commands.md）`;
const USAGE_EN = `usage:
  sanxiang case <case-id> do <command-type> --as <officer-id> [--at <UTC instant>] [--data <json> | --data-file <file>|-] [--json]
  sanxiang case <case-id> show [--json]
  sanxiang case <case-id> commands [--json]
  sanxiang cases [--json]
(officers and bodies from the bodies registry: --sample or --dir; fields in docs/commands.md)`;

/**
 * A refused id as the message shows it: quoted, its first 64 characters, and control and format
 * characters (a right-to-left override U+202E, NUL) escaped so the terminal shows them as written.
 */
function shownId(id: string): string {
  const chars = [...id];
  const head = chars.length > 64 ? `${chars.slice(0, 64).join("")}…` : id;
  const quoted = JSON.stringify(head).replace(
    /[\p{Cc}\p{Cf}]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, "0")}`,
  );
  return chars.length > 64 ? `${quoted}（共 ${chars.length} 个字符）` : quoted;
}

/** `sanxiang case <caseId> do|show|commands`. */
export async function caseCommand(ctx: CommandContext): Promise<number> {
  const [caseId, sub, type, ...rest] = ctx.args;
  if (caseId === undefined || sub === undefined) throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
  if (!/^[A-Za-z0-9\u4e00-\u9fff][A-Za-z0-9\u4e00-\u9fff_.:-]{0,127}$/.test(caseId)) {
    return refuse(ctx, input(`案件编号无效：${shownId(caseId)}（字母、数字、汉字及 _ . : -，至多 128 个字符）`));
  }
  if (sub === "evidence")
    return evidenceCommand(
      ctx,
      caseId,
      [type, ...rest].filter((a) => a !== undefined),
    );
  if (sub === "do") {
    if (type === undefined || rest.length > 0) throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
    return doCommand(ctx, caseId, type);
  }
  if (sub === "show" || sub === "commands") {
    if (type !== undefined) throw new UsageError(t(ctx.lang, USAGE_ZH, USAGE_EN));
    return sub === "show" ? showCommand(ctx, caseId) : commandsCommand(ctx, caseId);
  }
  throw new UsageError(
    t(ctx.lang, `未知的 case 子命令：${sub}\n${USAGE_ZH}`, `unknown case subcommand: ${sub}\n${USAGE_EN}`),
  );
}

async function doCommand(ctx: CommandContext, caseId: string, type: string): Promise<number> {
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
      t(
        ctx.lang,
        `case do 需要 --as <人员编号>：由谁办理\n${USAGE_ZH}`,
        `case do needs --as <officer-id>\n${USAGE_EN}`,
      ),
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

async function withReadingBureau(
  ctx: CommandContext,
  caseId: string,
  body: (bureau: Bureau, store: EventStore) => Promise<number>,
): Promise<number> {
  const loaded = await registriesOrExit(ctx);
  if (typeof loaded === "number") return loaded;
  const spec = storeSpecOf(ctx);
  if (spec.isErr()) return refuse(ctx, spec.error);
  return withStore(ctx, spec.value, async (store) => {
    const bodyId = await readingBody(store, loaded.registries, ctx, caseId);
    const bureau = bureauOf(store, loaded.registries, bodyId, ctx.io.clock.now());
    if (isError(bureau)) return refuse(ctx, bureau);
    return body(bureau, store);
  });
}

function unknownCase(caseId: string): SanxiangError {
  return sanxiangError("INVALID_INPUT", `存储中没有案件 ${caseId}（sanxiang cases 列出全部案件）`, {
    details: { caseId },
  });
}

async function showCommand(ctx: CommandContext, caseId: string): Promise<number> {
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

async function commandsCommand(ctx: CommandContext, caseId: string): Promise<number> {
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
