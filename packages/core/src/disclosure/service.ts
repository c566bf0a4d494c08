// 公示服务 — the disclosure workflow over the ports: load the stream, fold, decide, and — for
// the steps that change what the public sees — call the Publisher port FIRST and record the
// event only after it acknowledged. The port is idempotent (by id + version; withdrawal and
// expiry by id), so a crash between the port and the append is healed by running the same
// step again: the port answers `changed: false` and the event is appended then. The other
// way round (event first) would record a publication the public never saw.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, civilDateOf, compareCivilDates, isCivilDate } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import { readAllProjectionRows } from "../recording/projection-read.js";
import type { DisclosureCommandInput, EarlyEndConditions } from "./commands.js";
import { type DisclosureDecideContext, decideDisclosure } from "./decide.js";
import type { DisclosureEvent } from "./events.js";
import { type DisclosureState, disclosureEventOf, evolveDisclosure, foldDisclosure } from "./fold.js";
import type { Publisher, PublishReceipt } from "./publisher.js";

/** The name of the projection of public disclosures (`PROJECTIONS.disclosures`). */
const DISCLOSURES_PROJECTION = "disclosures";

/** 执行结果 — the events appended (none when a retry found the step already recorded) and the state after them. */
export interface DisclosureExecuteResult {
  /** The events appended. */
  readonly events: readonly CaseEvent[];
  /** The disclosure after them. */
  readonly state: DisclosureState;
}

/** 发布结果 — {@link DisclosureExecuteResult} with the Publisher's receipt. */
export interface DisclosurePortResult extends DisclosureExecuteResult {
  /** What the port acknowledged (`changed: false` on a retry). */
  readonly receipt: PublishReceipt;
}

/** 读取公示 — the disclosure `id` as the fold of its stored stream. */
export async function loadDisclosure(store: EventStore, id: string): Promise<Result<DisclosureState, SanxiangError>> {
  const events = await store.load(id);
  if (events.isErr()) return err(events.error);
  return foldDisclosure(id, events.value);
}

function evolveAll(state: DisclosureState, events: readonly CaseEvent[]): Result<DisclosureState, SanxiangError> {
  let s = state;
  for (const e of events) {
    const next = evolveDisclosure(s, e);
    if (next.isErr()) return err(next.error);
    s = next.value;
  }
  return ok(s);
}

/**
 * 执行公示命令 — load the disclosure, fold its events, {@link decideDisclosure}, append with
 * the version read (optimistic concurrency: a concurrent writer makes this
 * `CONCURRENCY_CONFLICT`; reload and retry) and return the events with the new state. For
 * publication, withdrawal and expiry use {@link publishDisclosure},
 * {@link withdrawDisclosure} and {@link expireDisclosures}, which call the Publisher port.
 */
export async function executeDisclosure(
  store: EventStore,
  id: string,
  command: DisclosureCommandInput,
  ctx: DisclosureDecideContext,
): Promise<Result<DisclosureExecuteResult, SanxiangError>> {
  const state = await loadDisclosure(store, id);
  if (state.isErr()) return err(state.error);
  const events = decideDisclosure(state.value, command, ctx);
  if (events.isErr()) return err(events.error);
  const appended = await store.append(id, state.value.version, events.value);
  if (appended.isErr()) return err(appended.error);
  const next = evolveAll(state.value, events.value);
  return next.isErr() ? err(next.error) : ok({ events: events.value, state: next.value });
}

async function callPort(
  call: () => Promise<Result<PublishReceipt, SanxiangError>>,
  what: string,
): Promise<Result<PublishReceipt, SanxiangError>> {
  try {
    const r = await call();
    if (r.isOk() || r.error.code === "PUBLISHER_FAILED") return r;
    return err(sanxiangError("PUBLISHER_FAILED", `公示渠道拒绝${what}：${r.error.message}`, { cause: r.error }));
  } catch (cause) {
    // The port's contract forbids throwing; a broken adapter must still not break the workflow.
    return err(sanxiangError("PUBLISHER_FAILED", `公示渠道${what}时出错`, { cause }));
  }
}

/**
 * Decide, call the port, then append. On a concurrency conflict the stream is reloaded: when
 * it already records the step (`done`), another run of the same step won — ok, nothing appended.
 */
async function portStep(
  store: EventStore,
  id: string,
  command: DisclosureCommandInput,
  ctx: DisclosureDecideContext,
  port: (event: DisclosureEvent) => Promise<Result<PublishReceipt, SanxiangError>>,
  done: (state: DisclosureState, event: CaseEvent) => boolean,
  withReceipt: (event: CaseEvent, receipt: PublishReceipt) => CaseEvent = (e) => e,
): Promise<Result<DisclosurePortResult, SanxiangError>> {
  const state = await loadDisclosure(store, id);
  if (state.isErr()) return err(state.error);
  const decided = decideDisclosure(state.value, command, ctx);
  if (decided.isErr()) return err(decided.error);
  const [event] = decided.value;
  if (event === undefined) return err(sanxiangError("COMMAND_NOT_ALLOWED", "没有可记录的公示事件"));
  const parsed = disclosureEventOf(event);
  if (parsed.isErr()) return err(parsed.error);
  const receipt = await port(parsed.value);
  if (receipt.isErr()) return err(receipt.error);
  const recorded = withReceipt(event, receipt.value);
  const appended = await store.append(id, state.value.version, [recorded]);
  if (appended.isErr()) {
    if (appended.error.code !== "CONCURRENCY_CONFLICT") return err(appended.error);
    const reloaded = await loadDisclosure(store, id);
    if (reloaded.isErr()) return err(reloaded.error);
    if (done(reloaded.value, recorded)) return ok({ events: [], state: reloaded.value, receipt: receipt.value });
    return err(appended.error);
  }
  const next = evolveAll(state.value, [recorded]);
  return next.isErr() ? err(next.error) : ok({ events: [recorded], state: next.value, receipt: receipt.value });
}

/** A decided event of another type than the step's (a programmer error, reported as a refusal). */
function unexpected(event: DisclosureEvent): SanxiangError {
  return sanxiangError("COMMAND_NOT_ALLOWED", `意外的公示事件 ${event.type}`);
}

function itemOf(event: CaseEvent): { readonly version?: unknown; readonly contentHash?: unknown } {
  const item = event.payload.item;
  return typeof item === "object" && item !== null ? item : {};
}

/**
 * 发布 — publishes a signed-off disclosure (state 已审定 or 更正已审定) through `publisher`:
 * decides the `disclosure.publish` command (permission `disclosure.publish`; refused with
 * `DISCLOSURE_NOT_APPROVED` unless the content being worked on is exactly the signed-off
 * hash), hands the resulting {@link PublishedItem} to `publisher.publish` FIRST, and appends
 * `disclosure.published` (with the receipt's channel and location) only after the port
 * acknowledged. A port failure is `PUBLISHER_FAILED` with nothing appended. If the append
 * fails, run it again: the port answers `changed: false` for the version it already shows
 * (the public copy keeps its first timestamps; content and hash are the same) and the event is
 * recorded then. A concurrency conflict whose winner published the same version and hash is
 * ok with no events.
 */
export function publishDisclosure(
  store: EventStore,
  publisher: Publisher,
  id: string,
  ctx: DisclosureDecideContext,
): Promise<Result<DisclosurePortResult, SanxiangError>> {
  return portStep(
    store,
    id,
    { type: "disclosure.publish", channel: publisher.channel },
    ctx,
    (event) =>
      event.type === "disclosure.published"
        ? callPort(() => publisher.publish(event.item), "发布")
        : Promise.resolve(err(unexpected(event))),
    (state, event) => {
      const mine = itemOf(event);
      const shown = state.context.published;
      return shown !== undefined && shown.version === mine.version && shown.contentHash === mine.contentHash;
    },
    (event, receipt) => ({
      ...event,
      payload: {
        ...event.payload,
        channel: receipt.channel,
        ...(receipt.location === undefined ? {} : { location: receipt.location }),
      },
    }),
  );
}

/**
 * 撤回 — withdraws a published disclosure with the public `reason`: decides
 * `disclosure.withdraw` (permission `disclosure.withdraw`; late when after the withdrawal
 * deadline of 行政处罚法 Art. 48 para. 2), hands the {@link WithdrawalNotice} to
 * `publisher.withdraw` FIRST, and appends `disclosure.withdrawn` only after it acknowledged.
 * Same failure and retry behaviour as {@link publishDisclosure}.
 */
export function withdrawDisclosure(
  store: EventStore,
  publisher: Publisher,
  id: string,
  reason: string,
  ctx: DisclosureDecideContext,
): Promise<Result<DisclosurePortResult, SanxiangError>> {
  return portStep(
    store,
    id,
    { type: "disclosure.withdraw", reason },
    ctx,
    (event) =>
      event.type === "disclosure.withdrawn"
        ? callPort(() => publisher.withdraw(event.notice), "撤回")
        : Promise.resolve(err(unexpected(event))),
    (state) => state.value === "withdrawn",
  );
}

/**
 * 提前停止公示 — the head grants a party's application to end publicity early (市场监督管理行政处罚
 * 信息公示规定 Art. 14): decides `disclosure.endEarly` (permission `disclosure.approve`; the four
 * conditions, the severe kinds and the minimum time checked, each refusal with its source),
 * removes the item through `publisher.expire` FIRST, and appends `disclosure.endedEarly` only
 * after the port acknowledged. Same failure and retry behaviour as {@link publishDisclosure}.
 */
export function endDisclosureEarly(
  store: EventStore,
  publisher: Publisher,
  id: string,
  application: { readonly conditions: EarlyEndConditions; readonly appliedOn?: CivilDate },
  ctx: DisclosureDecideContext,
): Promise<Result<DisclosurePortResult, SanxiangError>> {
  return portStep(
    store,
    id,
    {
      type: "disclosure.endEarly",
      conditions: application.conditions,
      ...(application.appliedOn === undefined ? {} : { appliedOn: application.appliedOn }),
    },
    ctx,
    (event) =>
      event.type === "disclosure.endedEarly"
        ? callPort(() => publisher.expire(id, event.at), "提前停止公示")
        : Promise.resolve(err(unexpected(event))),
    (state) => state.value === "endedEarly",
  );
}

/** Options of {@link expireDisclosures}. */
export interface ExpireDisclosuresOptions {
  /**
   * Expire every item public only until a day before this one (default: today in China, from
   * `ctx.now`); never later than today.
   */
  readonly asOf?: CivilDate;
}

/** 公示期满处理结果 — what a run of {@link expireDisclosures} did. */
export interface ExpireDisclosuresReport {
  /** The day used. */
  readonly asOf: CivilDate;
  /** Ids expired (now, or by a concurrent run). */
  readonly expired: readonly string[];
  /** Ids that could not be expired, with the error (the port down, a conflict…); run again. */
  readonly failed: readonly { readonly id: string; readonly error: SanxiangError }[];
}

/**
 * 公示期满 — the system job (actor with `system.runJobs`): every disclosure the
 * `disclosures` projection shows as published whose `publicUntil` lies before `asOf` is
 * removed through `publisher.expire` FIRST, then `disclosure.expired` is appended. Items
 * with a withdrawal due are left for the withdrawal (they stay in 应当撤回 until withdrawn
 * with a public notice). The store must maintain the `disclosures` projection
 * (`defaultProjections()` includes it). A failure on one item does not stop the others: it
 * is reported in `failed`, and the next run retries it.
 */
export async function expireDisclosures(
  store: EventStore,
  publisher: Publisher,
  ctx: DisclosureDecideContext,
  options: ExpireDisclosuresOptions = {},
): Promise<Result<ExpireDisclosuresReport, SanxiangError>> {
  const today = civilDateOf(ctx.now);
  const asOf = options.asOf ?? today;
  if (!isCivilDate(asOf) || compareCivilDates(asOf, today) > 0) {
    return err(sanxiangError("INVALID_INPUT", `公示期满的判断日 ${String(asOf)} 无效或晚于今天 ${today}`));
  }
  const rows = await readAllProjectionRows(store, DISCLOSURES_PROJECTION);
  if (rows.isErr()) return err(rows.error);
  const expired: string[] = [];
  const failed: { id: string; error: SanxiangError }[] = [];
  for (const row of rows.value) {
    const item = row.value.item as { id?: unknown; publicUntil?: unknown } | undefined;
    if (row.value.status !== "published" || item === undefined || typeof item.id !== "string") continue;
    if (typeof item.publicUntil !== "string" || compareCivilDates(item.publicUntil, asOf) >= 0) continue;
    const id = item.id;
    const state = await loadDisclosure(store, id);
    if (state.isErr()) {
      failed.push({ id, error: state.error });
      continue;
    }
    if (state.value.value === "withdrawalDue") continue;
    const r = await portStep(
      store,
      id,
      { type: "disclosure.expire" },
      ctx,
      (event) => callPort(() => publisher.expire(id, event.at), "撤下期满信息"),
      (s) => s.value === "expired",
    );
    if (r.isOk()) expired.push(id);
    else failed.push({ id, error: r.error });
  }
  return ok({ asOf, expired, failed });
}
