import { type PenaltyEvent, PenaltyEventSchema } from "../enforcement/events.js";
import type { Penalty } from "../enforcement/penalty.js";
import { procedureEventOf } from "../enforcement/stream.js";
import type { SanxiangError } from "../kernel/errors.js";
import { formatYuan } from "../kernel/money.js";
import { err, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { civilDateOf } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import { PENALTY_KIND_LABELS } from "../registry/benchmarks/schema.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import {
  decidingBody,
  decisionRedaction,
  partyWithholding,
  publicPartyOf,
  refuseDraft,
  sectorWithholding,
  withPartyKeyNote,
} from "./after-common.js";
import { buildDraft, type DisclosureDraft } from "./draft.js";
import { type DisclosurePolicy, disclosureRuleFor } from "./rules.js";

export { sectorWithholding } from "./after-common.js";

/** What {@link decisionDisclosureDraft} needs besides the events. */
export interface DecisionDisclosureContext {
  /** 执法主体及人员数据库 — the deciding body's name. */
  readonly bodies: BodiesRegistry;
  /** The resolved disclosure policy. */
  readonly policy: DisclosurePolicy;
  /** 决定书文号, e.g. `沙司罚决〔2025〕3号` (numbering is the bureau's, GB/T 9704-2012 7.2.5 style). */
  readonly documentNumber: string;
  /** Names of natural persons other than the party (witnesses …), hidden wherever they occur. */
  readonly otherPersons?: readonly string[];
  /** The party is a minor (when known; otherwise derived from a resident-ID party id). */
  readonly minor?: boolean;
  /** The main facts involve a secret (政府信息公开条例 Arts. 14–15). */
  readonly secret?: boolean | "state" | "trade";
  /** The procedure the decision was made under (default `ordinary`). */
  readonly procedure?: "ordinary" | "simplified";
  /**
   * 跨省推送 — the party is registered in another province (市场监督管理行政处罚信息公示规定
   * Art. 10): the draft is routed to the registration-place bureau instead of being published
   * here (its rule must carry `crossProvince`, as the `samr` sector's does).
   */
  readonly crossProvince?: { readonly registeredIn: string; readonly forwardTo: string };
}

const CFL = "行政处罚法";

/** 执法结论 — a penalty in words: `警告，罚款人民币5,000.00元`. */
export function penaltyConclusion(penalty: Penalty): string {
  return penalty.kinds
    .map((k) => {
      if (k === "fine" && penalty.fineFen !== undefined) return `罚款人民币${formatYuan(penalty.fineFen)}元`;
      if ((k === "confiscateGains" || k === "confiscateProperty") && penalty.confiscationFen !== undefined) {
        return `${PENALTY_KIND_LABELS[k]}人民币${formatYuan(penalty.confiscationFen)}元`;
      }
      return PENALTY_KIND_LABELS[k];
    })
    .join("，");
}

const NO_PENALTY: Readonly<Record<"noPenaltyMinor" | "notEstablished", string>> = {
  // 行政处罚法 Art. 33 para. 1 and Art. 57 para. 1 items 2–3.
  noPenaltyMinor: "违法行为轻微并及时改正，没有造成危害后果，不予行政处罚",
  notEstablished: "违法事实不能成立，不予行政处罚",
};

type Of<T extends PenaltyEvent["type"]> = Extract<PenaltyEvent, { type: T }>;

/**
 * 事后公开草稿 — the decision disclosure of an ordinary penalty case, from its events: the
 * deciding body (执法机关), the party (执法对象), the category, the matter, the facts and
 * basis of the last notice, the conclusion in words (`警告，罚款人民币5,000.00元`), the 文号,
 * and the decision day (the deadline counts from it) — redacted with the party's context.
 *
 * Refusals, each with its source: no decision yet, or a decision to transfer the case to
 * the judicial organs (no administrative decision to publish) → `COMMAND_NOT_ALLOWED`; a
 * minor party or a secret → `DISCLOSURE_WITHHELD` (`withholdingReason`); under a rule
 * that publishes only ordinary-procedure decisions, a simplified one, and under a rule that
 * leaves out warning-only penalties, a warning-only one (市场监督管理行政处罚信息公示规定
 * Art. 2) → `DISCLOSURE_WITHHELD` too: the sector rule says they are not published at all,
 * so there is nothing to draft. A decision the policy merely does not require (`required:
 * false`) is drafted; its rule says so.
 */
export function decisionDisclosureDraft(
  events: readonly CaseEvent[],
  ctx: DecisionDisclosureContext,
): Result<DisclosureDraft, SanxiangError> {
  let filed: Of<"case.filed"> | undefined;
  let closed: Of<"investigation.closed"> | undefined;
  let notice: Of<"notice.served"> | undefined;
  let decided: Of<"case.decided"> | undefined;
  for (const envelope of events) {
    const parsed = procedureEventOf(PenaltyEventSchema, envelope);
    if (parsed.isErr()) continue;
    const e = parsed.value;
    if (e.type === "case.filed") filed = e;
    else if (e.type === "investigation.closed") closed = e;
    else if (e.type === "notice.served") notice = e;
    else if (e.type === "case.decided") decided = e;
  }
  const caseId = events[0]?.caseId;
  const decisionSource: RuleSource = { law: CFL, article: 57, paragraph: 1, confidence: "C-law" };
  if (filed === undefined || decided === undefined || caseId === undefined) {
    return err(refuseDraft("COMMAND_NOT_ALLOWED", "案件尚未作出决定，无决定信息可公示", decisionSource, { caseId }));
  }
  if (decided.outcome === "transfer") {
    return err(
      refuseDraft("COMMAND_NOT_ALLOWED", "案件已移送司法机关，未作出行政处罚决定", decisionSource, {
        caseId,
        outcome: decided.outcome,
      }),
    );
  }
  const withheld = partyWithholding(filed.party, filed.actDate, ctx, caseId);
  if (withheld !== null) return err(withheld);
  const rule = disclosureRuleFor(ctx.policy, { kind: "decision", category: "penalty" });
  const penalty = decided.outcome === "penalty" ? decided.penalty : undefined;
  const sector = sectorWithholding(
    rule,
    {
      ...(ctx.procedure === undefined ? {} : { procedure: ctx.procedure }),
      ...(penalty === undefined ? {} : { penalty }),
    },
    caseId,
  );
  if (sector !== null) return err(sector);
  const decidedOn = civilDateOf(decided.at);
  const body = decidingBody(ctx.bodies, filed, decidedOn, caseId);
  if (body.isErr()) return err(body.error);
  const party = publicPartyOf(filed.party);
  const conclusion =
    penalty !== undefined
      ? penaltyConclusion(penalty)
      : NO_PENALTY[decided.outcome === "notEstablished" ? "notEstablished" : "noPenaltyMinor"];
  const facts = notice?.facts ?? closed?.facts;
  const draft = buildDraft(
    {
      content: {
        kind: "decision",
        category: "penalty",
        documentNumber: ctx.documentNumber,
        agencyName: body.value.name,
        party,
        // 违法行为: the violation as the notice or the filing states it; the 执法类别 only
        // where neither does (streams written before the field existed).
        matter: notice?.violation ?? filed.violation ?? filed.category,
        ...(facts === undefined || facts.trim().length === 0 ? {} : { facts }),
        basis: notice?.basis ?? [],
        conclusion,
        ...(penalty?.fineFen === undefined ? {} : { fineFen: penalty.fineFen }),
        ...(penalty?.confiscationFen === undefined ? {} : { confiscationFen: penalty.confiscationFen }),
        decidedOn,
      },
      key: caseId,
      title: `${body.value.name}行政处罚决定（${ctx.documentNumber}）`,
      bodyId: body.value.id,
      bodyName: body.value.name,
      startOn: decidedOn,
      category: "penalty",
      caseId,
      ...(penalty === undefined ? {} : { penaltyKinds: penalty.kinds }),
      ...(ctx.crossProvince === undefined ? {} : { routing: { crossProvince: ctx.crossProvince } }),
      redaction: decisionRedaction(ctx.policy, party, ctx.documentNumber, ctx.otherPersons),
    },
    ctx.policy,
  );
  return withPartyKeyNote(draft, filed.party, ctx.policy);
}
