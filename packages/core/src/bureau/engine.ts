// The facade's one loop — load, fold, decide, append — for every stream a bureau writes:
// cases of the three procedures, legal reviews, disclosures and the form register. Each
// procedure keeps its own decider; this file only chooses it, builds its context and
// appends what it returned. No rule lives here.

import type { PenaltyCommandInput } from "../enforcement/commands.js";
import { decide, recordedStepOf } from "../enforcement/decide.js";
import { type CaseState, foldEvents } from "../enforcement/fold.js";
import {
  foldInspection,
  type InspectionCaseState,
  type InspectionCommandInput,
} from "../enforcement/inspection/case.js";
import { decideInspection, INSPECTION_PERMISSIONS } from "../enforcement/inspection/decide.js";
import { decideSimplified, SIMPLIFIED_PERMISSIONS, type SimplifiedDecision } from "../enforcement/simplified/decide.js";
import {
  decideFormEvent,
  EMPTY_FORM_REGISTER,
  evolveFormRegister,
  type FormRegister,
  type FormRegisterEvent,
  FormRegisterEventSchema,
} from "../enforcement/simplified/forms.js";
import type { SimplifiedCommandInput } from "../enforcement/simplified/schema.js";
import { foldSimplified, type SimplifiedCaseState } from "../enforcement/simplified/state.js";
import type { Actor } from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { Instant } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import { checkRecording, type RecordingReport } from "../recording/check.js";
import type { ReviewCommandInput } from "../review/commands.js";
import { decideReview, type ReviewCaseScope } from "../review/decide.js";
import { foldReview, type ReviewState } from "../review/fold.js";
import { decideContext, inspectionContext, type ResolvedBureau, reviewContext, simplifiedContext } from "./config.js";
import { type BureauProcedure, procedureOpenedBy } from "./projection.js";

/** 案件命令 — a command of any of the bureau's case procedures (ordinary, simplified, inspection). */
export type BureauCaseCommand = PenaltyCommandInput | SimplifiedCommandInput | InspectionCommandInput;

/** 普通程序案件视图 — an ordinary case: its state, its legal reviews and its recording check. */
export interface OrdinaryCaseView {
  /** 普通程序. */
  readonly procedure: "ordinary";
  /** The case. */
  readonly caseId: string;
  /** Stream version (number of events). */
  readonly version: number;
  /** The fold of the case's events. */
  readonly state: CaseState;
  /** 法制审核 — the case's reviews, oldest first. */
  readonly reviews: readonly ReviewState[];
  /** 全过程记录检查 — the gaps of the case's recording under the bureau's rules. */
  readonly recording: RecordingReport;
}

/** 简易程序案件视图. */
export interface SimplifiedCaseView {
  /** 简易程序（当场处罚）. */
  readonly procedure: "simplified";
  /** The case. */
  readonly caseId: string;
  /** Stream version. */
  readonly version: number;
  /** The fold of the case's events. */
  readonly state: SimplifiedCaseState;
}

/** 行政检查案件视图. */
export interface InspectionCaseView {
  /** 行政检查（双随机）. */
  readonly procedure: "inspection";
  /** The case. */
  readonly caseId: string;
  /** Stream version. */
  readonly version: number;
  /** The fold of the case's events. */
  readonly state: InspectionCaseState;
}

/** A case id with no events yet. */
export interface EmptyCaseView {
  /** No case yet. */
  readonly procedure: "none";
  /** The case id. */
  readonly caseId: string;
  /** 0. */
  readonly version: 0;
}

/** 案件视图 — a case as the fold of its stream, by procedure. */
export type CaseView = OrdinaryCaseView | SimplifiedCaseView | InspectionCaseView | EmptyCaseView;

/** 执行结果 — the events one act appended and the case after them. */
export interface CaseStepResult {
  /**
   * The case events appended (an accepted act always appends at least one); for an exact
   * retry (`replayed`), the event that recorded the step the first time.
   */
  readonly events: readonly CaseEvent[];
  /** The case after them. */
  readonly view: CaseView;
  /** 重复提交 — the command repeated a step already recorded under its id: acknowledged, nothing appended. */
  readonly replayed: boolean;
}

/** 审核执行结果 — the events one review act appended and the review after them. */
export interface ReviewStepResult {
  /** The review events appended. */
  readonly events: readonly CaseEvent[];
  /** The review after them. */
  readonly review: ReviewState;
}

const SIMPLIFIED_TYPES: ReadonlySet<string> = new Set(Object.keys(SIMPLIFIED_PERMISSIONS));
const INSPECTION_TYPES: ReadonlySet<string> = new Set(Object.keys(INSPECTION_PERMISSIONS));

/** The procedure a command of a new case opens (by its type; anything else is the ordinary procedure's). */
function procedureOfCommand(cmd: unknown): BureauProcedure {
  const type = typeof cmd === "object" && cmd !== null ? (cmd as { type?: unknown }).type : undefined;
  if (typeof type === "string" && SIMPLIFIED_TYPES.has(type)) return "simplified";
  if (typeof type === "string" && INSPECTION_TYPES.has(type)) return "inspection";
  return "ordinary";
}

/** The id of a case's `n`-th legal review (1-based): `<caseId>.review.<n>`. */
export function reviewStreamId(caseId: string, n: number): string {
  return `${caseId}.review.${n}`;
}

/** 法制审核 — every review of the case, oldest first (streams `<caseId>.review.1`, `.2` … until an empty one). */
export async function loadReviews(b: ResolvedBureau, caseId: string): Promise<Result<ReviewState[], SanxiangError>> {
  const out: ReviewState[] = [];
  for (let n = 1; ; n++) {
    const id = reviewStreamId(caseId, n);
    const events = await b.config.store.load(id);
    if (events.isErr()) return err(events.error);
    if (events.value.length === 0) return ok(out);
    const folded = foldReview(id, events.value);
    if (folded.isErr()) return err(folded.error);
    out.push(folded.value);
  }
}

function procedureOfStream(events: readonly CaseEvent[]): BureauProcedure | undefined {
  const first = events[0];
  return first === undefined ? undefined : (procedureOpenedBy(first.type) ?? "ordinary");
}

function viewOf(
  b: ResolvedBureau,
  caseId: string,
  events: readonly CaseEvent[],
  reviews: readonly ReviewState[],
  procedure: BureauProcedure | undefined,
): Result<CaseView, SanxiangError> {
  if (procedure === undefined) return ok({ procedure: "none", caseId, version: 0 });
  if (procedure === "simplified") {
    return foldSimplified(caseId, events).map((state) => ({
      procedure,
      caseId,
      version: state.version,
      state,
    }));
  }
  if (procedure === "inspection") {
    return foldInspection(caseId, events).map((state) => ({ procedure, caseId, version: state.version, state }));
  }
  return foldEvents(caseId, events).map((state) => ({
    procedure: "ordinary" as const,
    caseId,
    version: state.version,
    state,
    reviews,
    recording: checkRecording(state.context.recording, b.policies.recording, state.evidence ?? []),
  }));
}

/** 读取案件 — the case as the fold of its stored stream, with its reviews. */
export async function loadCase(b: ResolvedBureau, caseId: string): Promise<Result<CaseView, SanxiangError>> {
  const events = await b.config.store.load(caseId);
  if (events.isErr()) return err(events.error);
  const procedure = procedureOfStream(events.value);
  const reviews = procedure === "ordinary" ? await loadReviews(b, caseId) : ok([]);
  if (reviews.isErr()) return err(reviews.error);
  return viewOf(b, caseId, events.value, reviews.value, procedure);
}

function formEventOf(e: CaseEvent): Result<FormRegisterEvent, SanxiangError> {
  const parsed = FormRegisterEventSchema.safeParse({ ...e.payload, type: e.type, at: e.at });
  if (parsed.success) return ok(parsed.data);
  return err(
    sanxiangError("STORE_CORRUPT", `决定书登记簿 ${e.caseId} 第 ${e.seq} 号事件无效`, { details: { seq: e.seq } }),
  );
}

/** 决定书登记簿 — the bureau's form register as the fold of its stream, with its version. */
export async function loadForms(
  b: ResolvedBureau,
): Promise<Result<{ readonly register: FormRegister; readonly version: number }, SanxiangError>> {
  const events = await b.config.store.load(b.formRegisterId);
  if (events.isErr()) return err(events.error);
  let register = EMPTY_FORM_REGISTER;
  for (const e of events.value) {
    const parsed = formEventOf(e);
    if (parsed.isErr()) return err(parsed.error);
    register = evolveFormRegister(register, parsed.value);
  }
  return ok({ register, version: events.value.length });
}

function formEnvelopes(
  b: ResolvedBureau,
  version: number,
  actor: Actor,
  events: readonly FormRegisterEvent[],
): CaseEvent[] {
  return events.map(({ type, at, ...payload }, i) => ({
    caseId: b.formRegisterId,
    seq: version + i + 1,
    type,
    at,
    actor: { id: actor.id, roles: [...actor.roles] },
    stage: "decision",
    payload: payload as Record<string, unknown>,
  }));
}

/**
 * 决定书登记 — decides one register event ({@link decideFormEvent}) and appends it to the
 * bureau's form register.
 */
export async function executeFormEvent(
  b: ResolvedBureau,
  actor: Actor,
  input: Parameters<typeof decideFormEvent>[1],
): Promise<Result<FormRegister, SanxiangError>> {
  const forms = await loadForms(b);
  if (forms.isErr()) return err(forms.error);
  const decided = decideFormEvent(forms.value.register, input);
  if (decided.isErr()) return err(decided.error);
  const appended = await b.config.store.append(
    b.formRegisterId,
    forms.value.version,
    formEnvelopes(b, forms.value.version, actor, [decided.value]),
  );
  if (appended.isErr()) return err(appended.error);
  return ok(evolveFormRegister(forms.value.register, decided.value));
}

async function appendSimplified(
  b: ResolvedBureau,
  caseId: string,
  version: number,
  formsVersion: number,
  actor: Actor,
  decided: SimplifiedDecision,
): Promise<Result<true, SanxiangError>> {
  // The register first: two officers deciding on one form number concurrently meet at the
  // register's expected version, so a number is never used twice. Should the case append
  // then fail, the number stays recorded as used for this case id: void it (form.voided).
  if (decided.register.length > 0) {
    const reg = await b.config.store.append(
      b.formRegisterId,
      formsVersion,
      formEnvelopes(b, formsVersion, actor, decided.register),
    );
    if (reg.isErr()) return err(reg.error);
  }
  const appended = await b.config.store.append(caseId, version, decided.events);
  return appended.isErr() ? err(appended.error) : ok(true);
}

/**
 * 执行案件命令 — load the case stream, fold it with its procedure, decide with that
 * procedure's decider and the bureau's context (the case's reviews found and passed for the
 * ordinary procedure), append with the version read, return the events and the new view.
 * A stream's procedure is fixed by the event that opened it; a new stream's by the command.
 * An exact retry of a step recorded under a client-chosen id (`investigation.record`'s
 * `actionId` …; enforcement `decide`) appends nothing: the recorded event, `replayed: true`.
 */
export async function executeCase(
  b: ResolvedBureau,
  caseId: string,
  actor: Actor,
  now: Instant,
  cmd: BureauCaseCommand,
): Promise<Result<CaseStepResult, SanxiangError>> {
  const store = b.config.store;
  const events = await store.load(caseId);
  if (events.isErr()) return err(events.error);
  const procedure = procedureOfStream(events.value) ?? procedureOfCommand(cmd);
  let decided: CaseEvent[];
  let reviews: ReviewState[] = [];
  if (procedure === "simplified") {
    const state = foldSimplified(caseId, events.value);
    if (state.isErr()) return err(state.error);
    const forms = await loadForms(b);
    if (forms.isErr()) return err(forms.error);
    const r = decideSimplified(
      state.value,
      cmd as SimplifiedCommandInput,
      simplifiedContext(b, actor, now, forms.value.register),
    );
    if (r.isErr()) return err(r.error);
    const appended = await appendSimplified(b, caseId, state.value.version, forms.value.version, actor, r.value);
    if (appended.isErr()) return err(appended.error);
    decided = r.value.events;
  } else if (procedure === "inspection") {
    const state = foldInspection(caseId, events.value);
    if (state.isErr()) return err(state.error);
    const r = decideInspection(state.value, cmd as InspectionCommandInput, inspectionContext(b, actor, now));
    if (r.isErr()) return err(r.error);
    const appended = await store.append(caseId, state.value.version, r.value);
    if (appended.isErr()) return err(appended.error);
    decided = r.value;
  } else {
    const state = foldEvents(caseId, events.value);
    if (state.isErr()) return err(state.error);
    const found = await loadReviews(b, caseId);
    if (found.isErr()) return err(found.error);
    reviews = found.value;
    const r = decide(state.value, cmd as PenaltyCommandInput, decideContext(b, actor, now, reviews));
    if (r.isErr()) return err(r.error);
    if (r.value.length === 0) {
      // An exact retry: nothing appended; the recorded event and the case as it stands.
      const recorded = recordedStepOf(state.value, cmd as PenaltyCommandInput);
      const view = viewOf(b, caseId, events.value, reviews, procedure);
      if (view.isErr()) return err(view.error);
      const original = events.value.filter((e) => e.seq === recorded?.seq);
      return ok({ events: original, view: view.value, replayed: true });
    }
    const appended = await store.append(caseId, state.value.version, r.value);
    if (appended.isErr()) return err(appended.error);
    decided = r.value;
  }
  const view = viewOf(b, caseId, [...events.value, ...decided], reviews, procedure);
  return view.isErr() ? err(view.error) : ok({ events: decided, view: view.value, replayed: false });
}

/**
 * The reviewed case's body and team (承办人员) as its stream records them, for the review's
 * registry checks; `undefined` when the case is not an ordinary case of this store.
 */
async function reviewCaseScope(
  b: ResolvedBureau,
  caseId: string | undefined,
): Promise<Result<ReviewCaseScope | undefined, SanxiangError>> {
  if (caseId === undefined) return ok(undefined);
  const events = await b.config.store.load(caseId);
  if (events.isErr()) return err(events.error);
  if (procedureOfStream(events.value) !== "ordinary") return ok(undefined);
  const state = foldEvents(caseId, events.value);
  if (state.isErr()) return err(state.error);
  const c = state.value.context;
  return ok({ bodyId: c.bodyId, team: c.officerIds });
}

/** 执行审核命令 — load the review stream, fold, {@link decideReview}, append, return the new review. */
export async function executeReview(
  b: ResolvedBureau,
  reviewId: string,
  actor: Actor,
  now: Instant,
  cmd: ReviewCommandInput,
): Promise<Result<ReviewStepResult, SanxiangError>> {
  const events = await b.config.store.load(reviewId);
  if (events.isErr()) return err(events.error);
  const state = foldReview(reviewId, events.value);
  if (state.isErr()) return err(state.error);
  const scope = await reviewCaseScope(
    b,
    state.value.context.caseId ?? (cmd.type === "review.submit" ? cmd.caseId : undefined),
  );
  if (scope.isErr()) return err(scope.error);
  const decided = decideReview(state.value, cmd, reviewContext(b, actor, now, scope.value));
  if (decided.isErr()) return err(decided.error);
  const appended = await b.config.store.append(reviewId, state.value.version, decided.value);
  if (appended.isErr()) return err(appended.error);
  const next = foldReview(reviewId, [...events.value, ...decided.value]);
  return next.isErr() ? err(next.error) : ok({ events: decided.value, review: next.value });
}
