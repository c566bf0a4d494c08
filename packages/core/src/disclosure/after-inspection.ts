import {
  INSPECTION_RESULT_LABELS,
  type InspectionEvent,
  InspectionEventSchema,
} from "../enforcement/inspection/case.js";
import { INSPECTION_SOURCES } from "../enforcement/inspection/pools.js";
import { procedureEventOf } from "../enforcement/stream.js";
import type { SanxiangError } from "../kernel/errors.js";
import { err, type Result } from "../kernel/result.js";
import { civilDateOf } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import { decisionRedaction, partyWithholding, publicPartyOf, refuseDraft, withPartyKeyNote } from "./after-common.js";
import { buildDraft, type DisclosureDraft } from "./draft.js";
import type { DisclosurePolicy } from "./rules.js";
import type { PublicParty } from "./schema.js";

/** What {@link inspectionResultDisclosureDraft} needs besides the inspection case's events. */
export interface InspectionResultDisclosureContext {
  /** 执法主体及人员数据库 — the inspecting body's name. */
  readonly bodies: BodiesRegistry;
  /** The resolved disclosure policy. */
  readonly policy: DisclosurePolicy;
  /**
   * 检查对象名称 — the inspected organisation's name, e.g. from the entities database: the
   * stream records only its 统一社会信用代码.
   */
  readonly partyName: string;
  /** The bureau's number of the result (检查结果文书编号; the events do not hold one). */
  readonly documentNumber: string;
  /** 检查依据 of the items inspected (the events hold only their codes; default none). */
  readonly basis?: readonly string[];
  /** The findings involve a secret (政府信息公开条例 Arts. 14–15). */
  readonly secret?: boolean | "state" | "trade";
  /** Names of natural persons (the legal representative, staff met …), hidden wherever they occur. */
  readonly otherPersons?: readonly string[];
}

type Of<T extends InspectionEvent["type"]> = Extract<InspectionEvent, { type: T }>;

/**
 * 事后公开草稿（双随机抽查结果） — the public record of one random inspection's result
 * (双随机、一公开, 优化营商环境条例 Art. 54), from the inspection case's events: the inspecting
 * body, the inspected organisation (name from `ctx`, its credit code from the case), category
 * `inspection`, the matter (执法类别), the findings (检查情况) as facts, the basis from `ctx`, the
 * result in words (`合格` / `不合格` / `未发现`, with the case's remarks in brackets), the
 * bureau's number from `ctx`, and the day the result was made. Key and `caseId`: the inspection
 * case id; the rule is `decision.inspection` (20 working days by default, 国办发〔2018〕118号).
 *
 * The case's own `inspection.publish` step records that the result is public (channel, and
 * `late` against the deadline the case set when it was inspected); this draft is what is
 * published. Publish the draft through the disclosure workflow, then record the step.
 *
 * Refusals, each with its source: no result yet → `COMMAND_NOT_ALLOWED` (Art. 54 para. 1);
 * a secret → `DISCLOSURE_WITHHELD`.
 */
export function inspectionResultDisclosureDraft(
  events: readonly CaseEvent[],
  ctx: InspectionResultDisclosureContext,
): Result<DisclosureDraft, SanxiangError> {
  let opened: Of<"inspection.opened"> | undefined;
  let recorded: Of<"inspection.recorded"> | undefined;
  let concluded: Of<"inspection.concluded"> | undefined;
  for (const envelope of events) {
    const parsed = procedureEventOf(InspectionEventSchema, envelope);
    if (parsed.isErr()) continue;
    const e = parsed.value;
    if (e.type === "inspection.opened") opened = e;
    else if (e.type === "inspection.recorded") recorded = e;
    else if (e.type === "inspection.concluded") concluded = e;
  }
  const caseId = events[0]?.caseId;
  if (opened === undefined || concluded === undefined || caseId === undefined) {
    return err(
      refuseDraft("COMMAND_NOT_ALLOWED", "检查尚未作出结果，无检查结果可公示", INSPECTION_SOURCES.randomDraw, {
        caseId,
      }),
    );
  }
  // The inspected entity's key is published as its 统一社会信用代码 only when it is a valid one.
  const caseParty = { kind: "organisation", name: ctx.partyName, partyId: opened.uscc } as const;
  const party: PublicParty = publicPartyOf(caseParty);
  const withheld = partyWithholding(
    caseParty,
    undefined,
    ctx.secret === undefined ? {} : { secret: ctx.secret },
    caseId,
  );
  if (withheld !== null) return err(withheld);
  const decidedOn = civilDateOf(concluded.at);
  const body = ctx.bodies.body(opened.bodyId, decidedOn);
  if (body.isErr()) return err(body.error);
  const label = INSPECTION_RESULT_LABELS[concluded.result];
  const remarks = concluded.remarks?.trim();
  const facts = recorded?.findings.trim();
  const draft = buildDraft(
    {
      content: {
        kind: "decision",
        category: "inspection",
        documentNumber: ctx.documentNumber,
        agencyName: body.value.name,
        party,
        matter: opened.category,
        ...(facts === undefined || facts.length === 0 ? {} : { facts }),
        basis: ctx.basis ?? [],
        conclusion: remarks === undefined || remarks.length === 0 ? label : `${label}（${remarks}）`,
        decidedOn,
      },
      key: caseId,
      title: `${body.value.name}双随机抽查结果（${ctx.documentNumber}）`,
      bodyId: body.value.id,
      bodyName: body.value.name,
      startOn: decidedOn,
      category: "inspection",
      caseId,
      redaction: decisionRedaction(ctx.policy, party, ctx.documentNumber, ctx.otherPersons),
    },
    ctx.policy,
  );
  return withPartyKeyNote(draft, caseParty, ctx.policy);
}
