// The parts `sanxiang case …`, `cases`, `case … evidence` and `inspection draw` share: the refusal
// printer, the acting officer from the bodies registry, the bureau (createBureau) on the CLI's
// store, and how a case's state and events read on the terminal.
import {
  type Actor,
  type Bureau,
  type BureauConfig,
  type CaseEvent,
  type CaseView,
  chinaCalendar,
  civilDateOf,
  createBureau,
  type EventStore,
  eventTitle,
  fixedClock,
  INSPECTION_STATE_NAMES,
  type Instant,
  isInstant,
  PENALTY_STATE_NAMES,
  type Role,
  type SanxiangError,
  SeizureCommandSchema,
  SIMPLIFIED_STATE_NAMES,
  sanxiangError,
} from "@sanxiang/core";
import { storeSpecOf, withStore } from "../event-store.js";
import { type CommandContext, exitCodeOf, formatError } from "../main.js";
import { buildRegistries, type Registries } from "../registry-store.js";
import { dataOrExit } from "./registry.js";

/** 程序名称 — the procedures a case can follow, in Chinese. */
export const PROCEDURE_NAMES: Readonly<Record<CaseView["procedure"], string>> = {
  ordinary: "普通程序",
  simplified: "简易程序（当场处罚）",
  inspection: "行政检查（双随机）",
  none: "尚未立案",
};

/** The commands that open a new case, by procedure. */
export const OPENING = new Set(["case.file", "onSpot.decide", "inspection.open"]);

export const SEIZURE_TYPES: ReadonlySet<string> = new Set(
  SeizureCommandSchema.options.map((o) => String(o.shape.type.value)),
);

/** 决定书登记簿 — the form register's acts (简易程序, 行政处罚法 Art. 52), on the case id `forms`. */
export const FORM_EVENTS: Readonly<Record<string, "form.issued" | "form.voided">> = {
  "form.issue": "form.issued",
  "form.void": "form.voided",
};

/** The case id that names the bureau's form register in `case forms do form.issue|form.void`. */
export const FORMS_ID = "forms";

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
  // No body at all (a --dir, or the default ./.sanxiang, with no bodies registry imported):
  // say so, rather than createBureau's refusal of the empty body id it would be given.
  const day = civilDateOf(now as Instant);
  if (registries.bodies.bodies(day).length === 0) {
    return sanxiangError(
      "INVALID_INPUT",
      `执法主体数据库在 ${day} 没有有效的执法主体：请以 --sample 使用示例局的数据，或以 --dir 指定数据目录（先用 sanxiang registry import bodies <文件> 导入执法主体）`,
      { details: { date: day } },
    );
  }
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
export function eventLine(e: CaseEvent): string {
  return `  ${String(e.seq).padStart(3)}  ${civilDateOf(e.at as Instant)}  ${eventTitle(e)}（${e.type}）`;
}

/** One event as JSON for `--json` output. */
export function eventJson(e: CaseEvent) {
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
export function stateName(view: CaseView): string {
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

/** The state's machine value (`none` before a case is filed). */
export function stateValue(view: CaseView): string {
  return view.procedure === "none" ? "none" : String(view.state.value);
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
export async function readingBody(store: EventStore, registries: Registries, ctx: CommandContext, caseId?: string) {
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

/** Runs `body` with a read-only bureau on the store, standing for the case's body. */
export async function withReadingBureau(
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
