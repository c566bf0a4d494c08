import { decisionDisclosureDraft } from "../disclosure/after.js";
import type { DisclosureDraft } from "../disclosure/draft.js";
import { evidenceAccessAuthority, evidenceAuthority } from "../enforcement/authority.js";
import type { DecisionOutcome, PenaltyCommandInput } from "../enforcement/commands.js";
import type { Penalty } from "../enforcement/penalty.js";
import { caseDecisionDraft } from "../enforcement/review-gate.js";
import type { Actor } from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { Instant } from "../kernel/time.js";
import type { CaseFile } from "../recording/casefile.js";
import { assembleCaseFileFromStore } from "../recording/casefile-store.js";
import {
  type AttachEvidenceInput,
  type AttachedEvidenceResult,
  attachEvidence,
  evidenceOfEvents,
} from "../recording/evidence-attach.js";
import { type OpenedEvidence, openEvidence } from "../recording/evidence-custody.js";
import type { EvidenceContent } from "../recording/evidence-store.js";
import type { ReviewCommandInput } from "../review/commands.js";
import type { ReviewState } from "../review/fold.js";
import type { ReviewGatePass } from "../review/gate.js";
import type { ReviewMaterial } from "../review/schema.js";
import { type Act, actOf, isRecord, notAnObject, type ResolvedBureau } from "./config.js";
import { type DisclosureHandle, disclosureHandle } from "./disclosure.js";
import {
  type BureauCaseCommand,
  type CaseStepResult,
  type CaseView,
  executeCase,
  executeReview,
  loadCase,
  loadReviews,
  type ReviewStepResult,
  reviewStreamId,
} from "./engine.js";
import {
  type CaseDraftInput,
  checkMajorDecisionIn,
  type SeizureSubmission,
  seizureSubmitCommand,
} from "./major-decision.js";
import type { BureauSigning } from "./signing.js";

/** 命令字段 — the fields of the case command `T` (its `type` given by the method). */
export type CaseCommandFields<T extends PenaltyCommandInput["type"]> = Omit<
  Extract<PenaltyCommandInput, { type: T }>,
  "type"
>;

/**
 * 证据信息 — what an officer says of an evidence file when attaching it to the case: recording
 * `AttachEvidenceInput` without what the bureau supplies (the case, the actor, the time) and
 * with the item's id optional (default: from the `ids` port, else `<caseId>-ev-<n>`).
 */
export type EvidenceInput = Omit<AttachEvidenceInput, "caseId" | "actor" | "now" | "evidenceId"> & {
  /** Id of the item within the case. */
  readonly evidenceId?: string;
};

/**
 * 以某人身份办案 — the acts on one case by one actor at the bureau's clock time. Every method
 * is a command of the case's procedure run through the procedure's own decider: the
 * refusals are the decider's, nothing is added.
 */
export interface ActingOnCase {
  /** Any command of the case's procedure (ordinary, simplified or inspection), as data. */
  execute(command: BureauCaseCommand): Promise<Result<CaseStepResult, SanxiangError>>;
  /** 立案 (`case.file`). */
  file(input: CaseCommandFields<"case.file">): Promise<Result<CaseStepResult, SanxiangError>>;
  /** 调查取证 (`investigation.record`). */
  investigate(input: CaseCommandFields<"investigation.record">): Promise<Result<CaseStepResult, SanxiangError>>;
  /** 调查终结 (`investigation.close`). */
  closeInvestigation(input: CaseCommandFields<"investigation.close">): Promise<Result<CaseStepResult, SanxiangError>>;
  /** 告知 (`notice.serve`). */
  notify(input: CaseCommandFields<"notice.serve">): Promise<Result<CaseStepResult, SanxiangError>>;
  /**
   * 作出决定 (`case.decide`): a major decision passes only with a review of this case that
   * approved exactly this draft — the bureau finds the case's reviews and the decider
   * records the approval relied on (`review.approved`) before `case.decided`.
   */
  decide(input: CaseCommandFields<"case.decide">): Promise<Result<CaseStepResult, SanxiangError>>;
  /** 送达决定书 (`decision.serve`). */
  serve(input: CaseCommandFields<"decision.serve">): Promise<Result<CaseStepResult, SanxiangError>>;
  /** 记录缴款 (`payment.record`). */
  recordPayment(input: CaseCommandFields<"payment.record">): Promise<Result<CaseStepResult, SanxiangError>>;
  /** 结案 (`case.close`). */
  close(input?: CaseCommandFields<"case.close">): Promise<Result<CaseStepResult, SanxiangError>>;
  /** 归档 (`case.archive`). */
  archive(input: CaseCommandFields<"case.archive">): Promise<Result<CaseStepResult, SanxiangError>>;
  /**
   * 证据入卷 — recording `attachEvidence`: the bytes into the bureau's evidence store first,
   * then the `evidence.attached` event and its custody steps (captured, uploaded, verified,
   * and the later ones given) appended to the case in one append — Merkle leaves of the log.
   * The actor is checked against the registry and the case's team (`evidenceAuthority`). An
   * audio-video item attached for an action counts as its record where a rule requires one;
   * cite its id in a record's `evidenceIds` too.
   */
  attachEvidence(
    content: EvidenceContent,
    input: EvidenceInput,
  ): Promise<Result<AttachedEvidenceResult, SanxiangError>>;
}

/** 调取信息 — why the bytes are taken out, and whether to re-hash them first. */
export interface EvidenceOpenInput {
  /** 调取用途 — recorded in the custody step, e.g. 法制审核, 复议答复, 移送法院. */
  readonly purpose: string;
  /** Re-hash the stored bytes before handing them out (`EVIDENCE_TAMPERED`: nothing handed out, nothing recorded). */
  readonly verify?: boolean;
}

/**
 * 本案证据 — one evidence item of the case. Its bytes come out of the bureau's evidence
 * store only through {@link CaseEvidence.as}`(actor).open`, which records the access first.
 */
export interface CaseEvidence {
  /** The item's id in the case. */
  readonly evidenceId: string;
  /** Acts on the item by `actor` at the bureau's clock time. */
  as(actor: Actor): {
    /**
     * 证据调取 — recording `openEvidence`: checks the actor (the case's team, or a head, legal
     * reviewer or supervisor of its body, registered and in post: `evidenceAccessAuthority`)
     * and the item, appends the custody step `accessed` (who, when, purpose) to the case, and
     * only then returns the bytes. A refusal records nothing and hands nothing out.
     */
    open(input: EvidenceOpenInput): Promise<Result<OpenedEvidence, SanxiangError>>;
  };
}

/** 送审内容 — the decision to review: built from the case as it stands (party, facts, basis). */
export interface ReviewSubmission {
  /** 决定类型. */
  readonly outcome: DecisionOutcome;
  /** The penalty, for a penalty decision. */
  readonly penalty?: Penalty;
  /** 送审材料. */
  readonly materials?: readonly ReviewMaterial[];
  /** 承办人员 (default: the case's team). */
  readonly handlingOfficerIds?: readonly string[];
  /** When (default now). */
  readonly at?: Instant;
}

/** 重新送审内容 — the changed decision, what changed, new materials. */
export interface ReviewResubmission extends Omit<ReviewSubmission, "handlingOfficerIds"> {
  /** 修改情况. */
  readonly changes: string;
}

/** 审核命令字段 — the fields of the review command `T` (its `type` given by the method). */
export type ReviewCommandFields<T extends ReviewCommandInput["type"]> = Omit<
  Extract<ReviewCommandInput, { type: T }>,
  "type"
>;

/** 以某人身份办理法制审核 — the acts of the case's legal review by one actor. */
export interface ActingOnReview {
  /**
   * Any review command. `review.submit` opens the case's next review (`<caseId>.review.<n>`);
   * every other command goes to the latest one (to the first before any submission, whose
   * decider then refuses it).
   */
  execute(command: ReviewCommandInput): Promise<Result<ReviewStepResult, SanxiangError>>;
  /** 送审 — the draft is built from the case's facts, basis and party. */
  submit(input: ReviewSubmission): Promise<Result<ReviewStepResult, SanxiangError>>;
  /** 指定审核人员. */
  assign(input: ReviewCommandFields<"review.assign">): Promise<Result<ReviewStepResult, SanxiangError>>;
  /** 出具审核意见. */
  conclude(input: ReviewCommandFields<"review.conclude">): Promise<Result<ReviewStepResult, SanxiangError>>;
  /** 修改后重新送审 — the changed draft is built from the case as it stands. */
  resubmit(input: ReviewResubmission): Promise<Result<ReviewStepResult, SanxiangError>>;
  /** 集体讨论. */
  discuss(input: ReviewCommandFields<"review.discuss">): Promise<Result<ReviewStepResult, SanxiangError>>;
  /**
   * 送审查封扣押 — the measure's draft (`seizureReviewDraft`) built from the case's party: the
   * head's `seizure.approve` carrying the same `measure` then passes the gate. With
   * `extension` (days, reason), the extension's draft (`seizureExtensionReviewDraft`), which
   * the head's `seizure.extend` with the same days and reason then passes.
   */
  submitSeizure(input: SeizureSubmission): Promise<Result<ReviewStepResult, SanxiangError>>;
}

/** 法制审核 of one case. */
export interface CaseReviews {
  /** Acts by `actor` at the bureau's clock time. */
  as(actor: Actor): ActingOnReview;
  /** The case's reviews, oldest first. */
  list(): Promise<Result<readonly ReviewState[], SanxiangError>>;
  /**
   * 重大执法决定审核检查 — may this decision of the case (any kind the catalogue knows: 处罚,
   * 行政强制, 行政许可) be made now? Passes when it is not major or a passed review approved
   * exactly it; else `REVIEW_NOT_APPROVED` with `details.why` and the next step. For
   * decisions made outside the SDK's procedures (a 许可 in the licensing system). Reads only.
   */
  check(draft: CaseDraftInput): Promise<Result<ReviewGatePass, SanxiangError>>;
}

/** 决定公示草稿参数 — what the decision disclosure needs beyond the case's events. */
export interface DecisionDisclosureInput {
  /** 文号 of the decision. */
  readonly documentNumber: string;
  /** Other persons named in the text, to mask. */
  readonly otherPersons?: readonly string[];
  /** 未成年人. */
  readonly minor?: boolean;
  /** 涉及国家秘密 / 商业秘密. */
  readonly secret?: boolean | "state" | "trade";
}

/** 本案公示 — the decision disclosure of one case. */
export interface CaseDisclosures {
  /** Acts by `actor`. */
  as(actor: Actor): {
    /**
     * 拟定事后公开 — drafts the decision disclosure from the case's events (redacted by the
     * bureau's disclosure policy) and records `disclosure.draft`; returns the disclosure.
     */
    draft(input: DecisionDisclosureInput): Promise<Result<DisclosureHandle, SanxiangError>>;
  };
}

/** 案件 — one case of the bureau. */
export interface CaseHandle {
  /** The case id. */
  readonly caseId: string;
  /** Acts by `actor` at the bureau's clock time. */
  as(actor: Actor): ActingOnCase;
  /** The case as the fold of its stream (state, reviews, recording check). */
  view(): Promise<Result<CaseView, SanxiangError>>;
  /** 法制审核. */
  readonly review: CaseReviews;
  /** 公示. */
  readonly disclosure: CaseDisclosures;
  /** 证据 — the item `evidenceId` of the case, to read its bytes with a custody record. */
  evidence(evidenceId: string): CaseEvidence;
  /**
   * 案卷 — the case's file (its stream, its legal reviews and disclosures, the streams it
   * references) against a signed head of the log covering the log's end (signed now when
   * the latest head does not, if the bureau has a signer), each event with its inclusion
   * proof, verifiable offline (`verifyCaseFile`, `sanxiang verify`).
   */
  caseFile(): Promise<Result<CaseFile, SanxiangError>>;
}

/** The handle of case `caseId` (internal: {@link Bureau.case}). */
export function caseHandle(b: ResolvedBureau, signing: BureauSigning, caseId: string): CaseHandle {
  const { config } = b;
  const acting = (actor: Actor): ActingOnCase => {
    const run = async (command: BureauCaseCommand): Promise<Result<CaseStepResult, SanxiangError>> => {
      const act = actOf(b, actor);
      if (act.isErr()) return err(act.error);
      return executeCase(b, caseId, act.value.actor, act.value.now, command);
    };
    return {
      execute: run,
      file: (input) => run({ ...input, type: "case.file" }),
      investigate: (input) => run({ ...input, type: "investigation.record" }),
      closeInvestigation: (input) => run({ ...input, type: "investigation.close" }),
      notify: (input) => run({ ...input, type: "notice.serve" }),
      decide: (input) => run({ ...input, type: "case.decide" }),
      serve: (input) => run({ ...input, type: "decision.serve" }),
      recordPayment: (input) => run({ ...input, type: "payment.record" }),
      close: (input = {}) => run({ ...input, type: "case.close" }),
      archive: (input) => run({ ...input, type: "case.archive" }),
      attachEvidence: async (content, input) => {
        const act = actOf(b, actor);
        if (act.isErr()) return err(act.error);
        if (!isRecord(input)) return err(notAnObject("证据信息", input));
        return attachToCase(b, caseId, act.value, content, input);
      },
    };
  };

  const ordinaryState = async () => {
    const v = await loadCase(b, caseId);
    if (v.isErr()) return err(v.error);
    if (v.value.procedure !== "ordinary") {
      return err(
        sanxiangError(
          "COMMAND_NOT_ALLOWED",
          `案件 ${caseId} 不是普通程序案件（${v.value.procedure}），不能送审或拟定决定公示`,
          {
            details: { caseId, procedure: v.value.procedure },
          },
        ),
      );
    }
    return ok(v.value);
  };

  const reviewActing = (actor: Actor): ActingOnReview => {
    const run = async (command: ReviewCommandInput): Promise<Result<ReviewStepResult, SanxiangError>> => {
      const act = actOf(b, actor);
      if (act.isErr()) return err(act.error);
      if (!isRecord(command)) return err(notAnObject("审核命令", command));
      const { actor: who, now } = act.value;
      const reviews = await loadReviews(b, caseId);
      if (reviews.isErr()) return err(reviews.error);
      const n = reviews.value.length;
      if (command.type === "review.submit") {
        if (command.caseId !== caseId) {
          return err(
            sanxiangError("INVALID_INPUT", `送审的案件 ${String(command.caseId)} 不是本案 ${caseId}`, {
              details: { caseId, got: command.caseId },
            }),
          );
        }
        return executeReview(b, reviewStreamId(caseId, n + 1), who, now, command);
      }
      // Before any submission the command goes to the first (empty) review, whose decider
      // refuses it and names the next step (review.submit).
      return executeReview(b, reviewStreamId(caseId, Math.max(n, 1)), who, now, command);
    };
    return {
      execute: run,
      submit: async (input) => {
        if (!isRecord(input)) return err(notAnObject("送审内容", input));
        const v = await ordinaryState();
        if (v.isErr()) return err(v.error);
        const c = v.value.state.context;
        return run({
          type: "review.submit",
          caseId,
          draft: caseDecisionDraft(c, input.outcome, input.penalty),
          materials: [...(input.materials ?? [])],
          handlingOfficerIds: [...(input.handlingOfficerIds ?? c.officerIds)],
          ...(input.at === undefined ? {} : { at: input.at }),
        });
      },
      assign: (input) => run({ ...input, type: "review.assign" }),
      conclude: (input) => run({ ...input, type: "review.conclude" }),
      resubmit: async (input) => {
        if (!isRecord(input)) return err(notAnObject("重新送审内容", input));
        const v = await ordinaryState();
        if (v.isErr()) return err(v.error);
        return run({
          type: "review.resubmit",
          draft: caseDecisionDraft(v.value.state.context, input.outcome, input.penalty),
          changes: input.changes,
          materials: [...(input.materials ?? [])],
          ...(input.at === undefined ? {} : { at: input.at }),
        });
      },
      discuss: (input) => run({ ...input, type: "review.discuss" }),
      submitSeizure: async (input) => {
        if (!isRecord(input)) return err(notAnObject("查封扣押送审内容", input));
        const v = await ordinaryState();
        if (v.isErr()) return err(v.error);
        const cmd = seizureSubmitCommand(v.value.state.context, input);
        return cmd.isErr() ? err(cmd.error) : run(cmd.value);
      },
    };
  };

  return {
    caseId,
    as: acting,
    view: () => loadCase(b, caseId),
    review: {
      as: reviewActing,
      list: () => loadReviews(b, caseId),
      check: (draft) => checkMajorDecisionIn(b, isRecord(draft) ? { ...draft, caseId } : draft),
    },
    disclosure: {
      as: (actor) => ({
        draft: async (input) => {
          if (!isRecord(input)) return err(notAnObject("决定公示参数", input));
          const events = await config.store.load(caseId);
          if (events.isErr()) return err(events.error);
          const draft: Result<DisclosureDraft, SanxiangError> = decisionDisclosureDraft(events.value, {
            bodies: config.registries.bodies,
            policy: b.disclosure,
            documentNumber: input.documentNumber,
            ...(input.otherPersons === undefined ? {} : { otherPersons: input.otherPersons }),
            ...(input.minor === undefined ? {} : { minor: input.minor }),
            ...(input.secret === undefined ? {} : { secret: input.secret }),
          });
          if (draft.isErr()) return err(draft.error);
          const handle = disclosureHandle(b, draft.value.disclosureId);
          const drafted = await handle.as(actor).draft(draft.value);
          return drafted.isErr() ? err(drafted.error) : ok(handle);
        },
      }),
    },
    evidence: (evidenceId) => ({
      evidenceId,
      as: (actor) => ({
        open: async (input) => {
          const act = actOf(b, actor);
          if (act.isErr()) return err(act.error);
          if (!isRecord(input)) return err(notAnObject("证据调取信息", input));
          return openFromCase(b, caseId, evidenceId, act.value, input);
        },
      }),
    }),
    caseFile: async () => {
      // A case with no events has no file: say so before a head is signed for nothing.
      const events = await config.store.load(caseId);
      if (events.isErr()) return err(events.error);
      if (events.value.length === 0) {
        return err(
          sanxiangError("CASE_FILE_MALFORMED", `存储中没有案件 ${caseId} 的事件，无法组卷`, {
            details: { caseId, why: "caseNotFound" },
          }),
        );
      }
      const head = await signing.headCovering();
      if (head.isErr()) return err(head.error);
      // Through the store port: the case's streams (its reviews and disclosures filed with it)
      // read by id, the log passed over once as leaf hashes — memory grows with the case.
      // With the bureau's signer the file's parts are attested (卷内备考签名): a stream left out
      // whole — a disclosure, which only names the case — is then caught offline.
      return assembleCaseFileFromStore(config.store, caseId, {
        signedTreeHead: head.value,
        ...(config.signer === undefined ? {} : { signer: config.signer }),
      });
    },
  };
}

async function attachToCase(
  b: ResolvedBureau,
  caseId: string,
  act: Act,
  content: EvidenceContent,
  input: EvidenceInput,
): Promise<Result<AttachedEvidenceResult, SanxiangError>> {
  const { config, policies } = b;
  if (config.evidence === undefined) {
    return err(
      sanxiangError("INVALID_INPUT", "局配置未提供证据存储（evidence），无法存证：请在 createBureau 中配置 evidence", {
        details: { field: "evidence" },
      }),
    );
  }
  let evidenceId = input.evidenceId ?? config.ids?.next("ev");
  if (evidenceId === undefined) {
    const events = await config.store.load(caseId);
    if (events.isErr()) return err(events.error);
    const items = evidenceOfEvents(events.value);
    evidenceId = `${caseId}-ev-${(items.isOk() ? items.value.length : 0) + 1}`;
  }
  const { evidenceId: _given, ...rest } = input;
  return attachEvidence(
    {
      store: config.store,
      evidence: config.evidence,
      authorize: evidenceAuthority({
        bodies: config.registries.bodies,
        permissions: policies.permissions,
        officerPolicy: policies.officers,
      }),
      ...(policies.recording === undefined ? {} : { rules: policies.recording }),
    },
    content,
    { ...rest, caseId, actor: act.actor, now: act.now, evidenceId },
  );
}

async function openFromCase(
  b: ResolvedBureau,
  caseId: string,
  evidenceId: string,
  act: Act,
  input: EvidenceOpenInput,
): Promise<Result<OpenedEvidence, SanxiangError>> {
  const { config, policies } = b;
  if (config.evidence === undefined) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        "局配置未提供证据存储（evidence），无法调取证据：请在 createBureau 中配置 evidence",
        {
          details: { field: "evidence" },
        },
      ),
    );
  }
  return openEvidence(
    {
      store: config.store,
      evidence: config.evidence,
      authorize: evidenceAccessAuthority({
        bodies: config.registries.bodies,
        permissions: policies.permissions,
        officerPolicy: policies.officers,
      }),
    },
    {
      caseId,
      evidenceId,
      actor: act.actor,
      now: act.now,
      purpose: input.purpose,
      ...(input.verify === undefined ? {} : { verify: input.verify }),
    },
  );
}
